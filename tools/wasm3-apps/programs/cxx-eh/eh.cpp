// C++ exceptions across Wasm frames (clang -fwasm-exceptions): throw in nested calls, catch by
// type and by base class, catch (...), rethrow, destructors run while unwinding, exceptions thrown
// while handling others, and at the end one that no handler catches, which reaches the host.
#include <cstdio>
#include <typeinfo>

extern "C" int eh_live_exceptions();

struct Error {
  int code;
  const char* what;
};

struct Base {
  virtual ~Base() {}
  virtual const char* name() const { return "Base"; }
};
struct Derived : Base {
  const char* name() const override { return "Derived"; }
};

static int live_objects = 0;
struct Counted {
  int id;
  explicit Counted(int id) : id(id) { live_objects++; }
  Counted(const Counted& other) : id(other.id) { live_objects++; }
  ~Counted() { live_objects--; }
};

// Prints on entry and on exit: the exit line during unwinding shows the destructor ran.
struct Guard {
  const char* name;
  explicit Guard(const char* name) : name(name) { std::printf("  enter %s\n", name); }
  ~Guard() { std::printf("  leave %s\n", name); }
};

[[gnu::noinline]] void thrower(int kind) {
  Guard g("thrower");
  switch (kind) {
    case 1: throw Error{42, "deep"};
    case 2: throw 7;
    case 3: throw Derived();
    case 4: throw 2.5;
    case 5: throw Counted(5);
  }
  std::printf("  no throw\n");
}

[[gnu::noinline]] void middle(int kind) {
  Guard g("middle");
  thrower(kind);
}

[[gnu::noinline]] int outer(int kind) {
  Guard g("outer");
  try {
    middle(kind);
  } catch (const Error& e) {
    std::printf("  outer caught Error %d (%s)\n", e.code, e.what);
    return e.code;
  }
  return 0;
}

[[gnu::noinline]] void adjust_and_rethrow() {
  try {
    middle(1);
  } catch (Error& e) {
    std::printf("  rethrowing Error %d as %d\n", e.code, e.code + 1);
    e.code++;
    throw;
  }
}

[[gnu::noinline]] void throw_while_handling() {
  try {
    middle(2);
  } catch (int n) {
    std::printf("  handling int %d, throwing Error\n", n);
    try {
      thrower(1);
    } catch (const Error& e) {
      std::printf("  inner caught Error %d while int %d is live\n", e.code, n);
    }
    throw Error{n * 100, "from a handler"};
  }
}

[[gnu::noinline]] long loop(int n) {
  long sum = 0;
  for (int i = 0; i < n; i++) {
    try {
      if (i % 3 == 0) throw i;
      if (i % 3 == 1) throw Error{i, "loop"};
      sum += 1000;
    } catch (int v) {
      sum += v;
    } catch (const Error& e) {
      sum -= e.code;
    }
  }
  return sum;
}

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line out before an uncaught exception ends the program

  std::printf("1. throw two frames down, caught by type\n");
  std::printf("  outer returned %d\n", outer(1));

  std::printf("2. a non-matching clause is skipped\n");
  try {
    outer(2);
  } catch (double d) {
    std::printf("  wrong: double %g\n", d);
  } catch (int n) {
    std::printf("  main caught int %d\n", n);
  }

  std::printf("3. caught by base class\n");
  try {
    middle(3);
  } catch (const Base& b) {
    std::printf("  caught %s as Base\n", b.name());
  }

  std::printf("4. catch (...)\n");
  try {
    middle(4);
  } catch (const Error&) {
    std::printf("  wrong: Error\n");
  } catch (...) {
    std::printf("  caught something with catch (...)\n");
  }

  std::printf("5. rethrow keeps the same object\n");
  try {
    adjust_and_rethrow();
  } catch (const Error& e) {
    std::printf("  main caught Error %d\n", e.code);
  }

  std::printf("6. throwing while handling\n");
  try {
    throw_while_handling();
  } catch (const Error& e) {
    std::printf("  main caught Error %d (%s)\n", e.code, e.what);
  }

  std::printf("7. the exception object is destroyed once, after its handler\n");
  try {
    middle(5);
  } catch (Counted c) {
    std::printf("  caught Counted %d by value, %d alive\n", c.id, live_objects);
  }
  std::printf("  after the handler: %d alive\n", live_objects);

  std::printf("8. no throw\n");
  std::printf("  outer returned %d\n", outer(0));

  std::printf("9. 3000 throws in a loop: sum %ld\n", loop(3000));
  std::printf("  exceptions alive: %d\n", eh_live_exceptions());

  std::printf("10. uncaught\n");
  Guard g("main");
  middle(1);
  std::printf("  not reached\n");
  return 0;
}

// For the host: the code of an uncaught Error, given the exception's payload (the C++ tag's one
// argument), -1 for another type.
extern "C" const std::type_info* eh_exception_type(void* payload);
extern "C" void* __cxa_get_exception_ptr(void* payload) noexcept;
extern "C" [[clang::export_name("eh_error_code")]] int eh_error_code(void* payload) {
  if (*eh_exception_type(payload) != typeid(Error)) return -1;
  return static_cast<Error*>(__cxa_get_exception_ptr(payload))->code;
}
