// A C++ program on WASI: libc++'s streams, containers and strings over wasi-libc, static
// constructors run before main (by the _start of crt1 through __wasm_call_ctors), virtual
// dispatch (call_indirect), and files through <fstream>. Self-checking, like the C programs.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "check.h"

namespace {

std::vector<int> constructed;  // filled by the static objects below, before main

struct Registered {
  explicit Registered(int id) { constructed.push_back(id); }
};
Registered first(1), second(2);

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string name() const = 0;
};
struct Square : Shape {
  double side;
  explicit Square(double s) : side(s) {}
  double area() const override { return side * side; }
  std::string name() const override { return "square"; }
};
struct Circle : Shape {
  double radius;
  explicit Circle(double r) : radius(r) {}
  double area() const override { return M_PI * radius * radius; }
  std::string name() const override { return "circle"; }
};

}  // namespace

int main() {
  CHECK(constructed.size() == 2 && constructed[0] == 1 && constructed[1] == 2);

  // Word counts through a string stream and an ordered map.
  std::map<std::string, int> counts;
  std::istringstream words("the cat and the hat and the bat");
  for (std::string w; words >> w;) counts[w]++;
  std::ostringstream summary;
  for (const auto& [word, n] : counts) summary << word << '=' << n << ' ';
  CHECK(summary.str() == "and=2 bat=1 cat=1 hat=1 the=3 ");

  // Virtual calls through a vector of owners.
  std::vector<std::unique_ptr<Shape>> shapes;
  shapes.push_back(std::make_unique<Square>(3));
  shapes.push_back(std::make_unique<Circle>(1));
  double total = 0;
  std::string names;
  for (const auto& s : shapes) {
    total += s->area();
    names += s->name() + ";";
  }
  CHECK(names == "square;circle;");
  CHECK(std::fabs(total - (9 + M_PI)) < 1e-12);

  // Hashing with 64-bit keys, and a sort with a lambda.
  std::unordered_map<long long, long long> table;
  for (long long i = 0; i < 20000; i++) table[(i * 2654435761LL) % 1000003] += i;
  CHECK(table.size() == 20000);
  std::vector<long long> keys;
  for (const auto& kv : table) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end(), [](long long a, long long b) { return a > b; });
  CHECK(std::is_sorted(keys.rbegin(), keys.rend()));

  // Formatting of floating point through iostreams.
  std::ostringstream number;
  number.precision(10);
  number << std::sqrt(2.0) << ' ' << 1e-300 << ' ' << -0.0;
  CHECK(number.str() == "1.414213562 1e-300 -0");

  // Files: write, append, read back line by line.
  {
    std::ofstream out("cxx-notes.txt");
    CHECK(out.good());
    out << "first line\n" << 42 << '\n';
  }
  {
    std::ofstream out("cxx-notes.txt", std::ios::app);
    out << "appended\n";
  }
  std::ifstream in("cxx-notes.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  CHECK(lines.size() == 3 && lines[0] == "first line" && lines[1] == "42" && lines[2] == "appended");
  std::ifstream missing("no-such-file.txt");
  CHECK(!missing.is_open());

  DONE();
}
