// A small expression calculator and text report, written to exercise what Kotlin/Wasm compiles to
// WasmGC: classes and interfaces (struct types, vtables, call_ref), generics and collections
// (arrays of references, casts), strings (i16 arrays), lambdas (closures), exceptions (tags).

sealed class Expr {
    abstract fun eval(env: Map<String, Double>): Double
}
data class Num(val value: Double) : Expr() {
    override fun eval(env: Map<String, Double>) = value
}
data class Var(val name: String) : Expr() {
    override fun eval(env: Map<String, Double>) = env[name] ?: throw EvalError("unbound variable '$name'")
}
data class Bin(val op: Char, val left: Expr, val right: Expr) : Expr() {
    override fun eval(env: Map<String, Double>): Double {
        val a = left.eval(env)
        val b = right.eval(env)
        return when (op) {
            '+' -> a + b
            '-' -> a - b
            '*' -> a * b
            '/' -> if (b == 0.0) throw EvalError("division by zero") else a / b
            '^' -> Math.pow(a, b)
            else -> throw IllegalStateException("operator $op")
        }
    }
}

class EvalError(message: String) : RuntimeException(message)
class ParseError(message: String, val position: Int) : Exception(message)

object Math {
    fun pow(a: Double, b: Double): Double {
        var r = 1.0
        repeat(b.toInt()) { r *= a }
        return r
    }
}

class Parser(private val text: String) {
    private var pos = 0

    fun parse(): Expr {
        val e = sum()
        skip()
        if (pos != text.length) throw ParseError("unexpected '${text[pos]}'", pos)
        return e
    }

    private fun skip() { while (pos < text.length && text[pos] == ' ') pos++ }

    private fun sum(): Expr {
        var e = product()
        while (true) {
            skip()
            val c = text.getOrNull(pos) ?: return e
            if (c != '+' && c != '-') return e
            pos++
            e = Bin(c, e, product())
        }
    }

    private fun product(): Expr {
        var e = power()
        while (true) {
            skip()
            val c = text.getOrNull(pos) ?: return e
            if (c != '*' && c != '/') return e
            pos++
            e = Bin(c, e, power())
        }
    }

    private fun power(): Expr {
        val base = atom()
        skip()
        if (text.getOrNull(pos) == '^') { pos++; return Bin('^', base, power()) }
        return base
    }

    private fun atom(): Expr {
        skip()
        val c = text.getOrNull(pos) ?: throw ParseError("unexpected end", pos)
        return when {
            c == '(' -> { pos++; val e = sum(); skip(); expect(')'); e }
            c.isDigit() -> {
                val start = pos
                while (pos < text.length && (text[pos].isDigit() || text[pos] == '.')) pos++
                Num(text.substring(start, pos).toDouble())
            }
            c.isLetter() -> {
                val start = pos
                while (pos < text.length && text[pos].isLetterOrDigit()) pos++
                Var(text.substring(start, pos))
            }
            else -> throw ParseError("unexpected '$c'", pos)
        }
    }

    private fun expect(c: Char) {
        if (text.getOrNull(pos) != c) throw ParseError("expected '$c'", pos)
        pos++
    }
}

fun show(e: Expr): String = when (e) {
    is Num -> if (e.value == e.value.toLong().toDouble()) e.value.toLong().toString() else e.value.toString()
    is Var -> e.name
    is Bin -> "(${show(e.left)} ${e.op} ${show(e.right)})"
}

interface Shape { fun area(): Double; val name: String }
class Rect(val w: Double, val h: Double) : Shape { override fun area() = w * h; override val name get() = "rect ${w}x$h" }
class Circle(val r: Double) : Shape { override fun area() = 3.141592653589793 * r * r; override val name get() = "circle r=$r" }
class Square(side: Double) : Shape by Rect(side, side) { override val name = "square" }

fun <T : Comparable<T>> insertionSort(items: MutableList<T>): MutableList<T> {
    for (i in 1 until items.size) {
        val x = items[i]
        var j = i - 1
        while (j >= 0 && items[j] > x) { items[j + 1] = items[j]; j-- }
        items[j + 1] = x
    }
    return items
}

fun sieve(n: Int): List<Int> {
    val composite = BooleanArray(n + 1)
    val primes = ArrayList<Int>()
    for (i in 2..n) {
        if (composite[i]) continue
        primes.add(i)
        var k = i.toLong() * i
        while (k <= n) { composite[k.toInt()] = true; k += i }
    }
    return primes
}

fun fib(n: Int): Long = if (n < 2) n.toLong() else fib(n - 1) + fib(n - 2)

fun main() {
    println("== expressions")
    val env = mapOf("x" to 3.0, "y" to 0.5, "zero" to 0.0)
    for (src in listOf("1 + 2 * 3", "(1 + 2) * 3", "2 ^ 10 - x * y", "x / zero", "1 + (2", "q * 2", "7 / 2", "2 * # 3")) {
        val line = try {
            val e = Parser(src).parse()
            "${show(e)} = ${e.eval(env)}"
        } catch (err: ParseError) {
            "parse error at ${err.position}: ${err.message}"
        } catch (err: EvalError) {
            "eval error: ${err.message}"
        } finally {
            print("[$src] ")
        }
        println(line)
    }
    println(Bin('+', Num(1.0), Var("x")))
    println(Num(2.0) == Num(2.0))

    println("== shapes")
    val shapes: List<Shape> = listOf(Rect(2.0, 3.5), Circle(1.5), Square(4.0), Circle(0.25))
    for (s in shapes.sortedByDescending { it.area() }) println("${s.name.padEnd(14)} ${s.area()}")
    println("total area " + shapes.sumOf { it.area() })

    println("== words")
    val text = "the quick brown fox jumps over the lazy dog the fox barks and the dog sleeps"
    val counts = HashMap<String, Int>()
    for (w in text.split(' ')) counts[w] = (counts[w] ?: 0) + 1
    val top = counts.entries.sortedWith(compareByDescending<Map.Entry<String, Int>> { it.value }.thenBy { it.key }).take(4)
    println(top.joinToString { "${it.key}=${it.value}" })
    println(text.split(' ').groupBy { it.length }.entries.sortedBy { it.key }.map { "${it.key}:${it.value.distinct().size}" })
    println(insertionSort(mutableListOf("pear", "apple", "fig", "banana", "cherry")))
    println(insertionSort(mutableListOf(5, -1, 3, 3, 0, 42, -7)))

    println("== numbers")
    val primes = sieve(100)
    println("${primes.size} primes below 100, last ${primes.last()}, sum ${primes.sum()}")
    println("fib(25) = ${fib(25)}")
    println("2^62 = ${1L shl 62}, -7 / 2 = ${-7 / 2}, -7 % 2 = ${-7 % 2}, 1/3 = ${1.0 / 3}")
    println("hex ${255.toString(16)} ${"ff".toInt(16)} ${Long.MAX_VALUE} ${Int.MIN_VALUE}")
    val sb = StringBuilder()
    for (i in 1..15) sb.append(if (i % 15 == 0) "FizzBuzz" else if (i % 3 == 0) "Fizz" else if (i % 5 == 0) "Buzz" else i.toString()).append(' ')
    println(sb.toString().trim())
    println("unicode: ${"Größe ü €".uppercase()} ${"Größe".length} ${"héllo".reversed()}")
    val seq = generateSequence(1) { it * 3 }.takeWhile { it < 1000 }.toList()
    println(seq)
    try {
        listOf(1, 2, 3)[5]
    } catch (e: IndexOutOfBoundsException) {
        println("caught ${e::class.simpleName}")
    }
    val nullable: String? = if (seq.size > 3) null else "x"
    println("elvis ${nullable?.length ?: -1}")
}
