// A minimal C++ exception runtime for clang's WebAssembly exception handling (-fwasm-exceptions),
// written for the test program beside it. Debian's wasm32 libc++abi is built without exceptions,
// so it has none of these functions; this file provides what clang-14's generated code calls:
//
//   throw x        __cxa_allocate_exception, then __cxa_throw(object, type, destructor)
//   catch (T)      a Wasm `catch` of the C++ tag; the payload goes to _Unwind_CallPersonality, which
//                  reads this function's LSDA and leaves the matching clause's index in
//                  __wasm_lpad_context.selector; then __cxa_begin_catch / __cxa_end_catch
//   catch by value __cxa_get_exception_ptr (the object, to copy it before begin_catch)
//   throw;         __cxa_rethrow
//
// The payload of every Wasm exception with the C++ tag is a pointer to a Header (below), directly
// followed by the thrown object. Matching handles exact types and single-inheritance class bases
// (__si_class_type_info); multiple inheritance, pointers and exception specifications are not
// needed by the test program and are left out.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <typeinfo>

namespace {

struct Header {
  const std::type_info* type;
  // On WebAssembly, destructors return `this` (the Wasm C++ ABI), so their type is this one:
  // calling them through a `void (*)(void*)` would fail call_indirect's signature check.
  void* (*destructor)(void*);
  // Catch clauses holding the exception; negative while it is being rethrown (as libc++abi).
  int handlers;
  Header* next_caught;
};

// Objects follow their header at this alignment (the largest any thrown type here needs).
constexpr std::size_t kHeaderSize = (sizeof(Header) + 15) & ~std::size_t(15);

Header* caught_stack = nullptr;  // the exceptions being handled, innermost first
int live_exceptions = 0;

void* object_of(Header* h) { return reinterpret_cast<char*>(h) + kHeaderSize; }

// Reads the ULEB128 and SLEB128 numbers of the LSDA.
std::uintptr_t read_uleb(const std::uint8_t** p) {
  std::uintptr_t value = 0;
  unsigned shift = 0;
  std::uint8_t byte;
  do {
    byte = *(*p)++;
    value |= std::uintptr_t(byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
}

std::intptr_t read_sleb(const std::uint8_t** p) {
  std::uintptr_t value = 0;
  unsigned shift = 0;
  std::uint8_t byte;
  do {
    byte = *(*p)++;
    value |= std::uintptr_t(byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  if (shift < 8 * sizeof(value) && (byte & 0x40)) value |= ~std::uintptr_t(0) << shift;
  return static_cast<std::intptr_t>(value);
}

// DW_EH_PE values the Wasm LSDA uses: omit, absptr and the 4-byte forms (no pc-relative ones).
constexpr std::uint8_t kOmit = 0xff;

std::size_t encoded_size(std::uint8_t encoding) {
  switch (encoding & 0x0f) {
    case 0x00: return sizeof(std::uintptr_t);  // absptr
    case 0x03: case 0x0b: return 4;              // udata4, sdata4
    case 0x04: case 0x0c: return 8;              // udata8, sdata8
    default: std::abort();
  }
}

std::uintptr_t read_encoded(const std::uint8_t** p, std::uint8_t encoding) {
  if (encoding == kOmit) return 0;
  switch (encoding & 0x0f) {
    case 0x01: return read_uleb(p);
    case 0x09: return static_cast<std::uintptr_t>(read_sleb(p));
    default: {
      std::uintptr_t value = 0;
      std::memcpy(&value, *p, encoded_size(encoding) < sizeof(value) ? encoded_size(encoding) : sizeof(value));
      *p += encoded_size(encoding);
      return value;
    }
  }
}

// Itanium ABI RTTI of a class with one public non-virtual base at offset 0.
struct SiClassTypeInfo {
  const void* vtable;
  const char* name;
  const std::type_info* base;
};

bool is_si_class(const std::type_info* t) {
  return std::strcmp(typeid(*t).name(), "N10__cxxabiv120__si_class_type_infoE") == 0;
}

// Whether a catch clause of type `handler` takes an exception thrown as `thrown`.
bool can_catch(const std::type_info* handler, const std::type_info* thrown) {
  for (const std::type_info* t = thrown; t != nullptr;) {
    if (*t == *handler) return true;
    t = is_si_class(t) ? reinterpret_cast<const SiClassTypeInfo*>(t)->base : nullptr;
  }
  return false;
}

}  // namespace

// What clang's WasmEHPrepare stores before calling the personality, and where it reads the result.
struct LandingPadContext {
  std::uintptr_t lpad_index;  // which landing pad of the function: the call-site table's index
  const std::uint8_t* lsda;   // the function's LSDA (its GCC_except_table)
  std::uintptr_t selector;    // the matching clause's type index, 0 when none matches
};
extern "C" LandingPadContext __wasm_lpad_context;
LandingPadContext __wasm_lpad_context;

extern "C" {

void* __cxa_allocate_exception(std::size_t size) noexcept {
  void* block = std::calloc(1, kHeaderSize + size);
  if (block == nullptr) std::abort();
  live_exceptions++;
  return object_of(static_cast<Header*>(block));
}

void __cxa_free_exception(void* object) noexcept {
  live_exceptions--;
  std::free(static_cast<char*>(object) - kHeaderSize);
}

[[noreturn]] void __cxa_throw(void* object, std::type_info* type, void* (*destructor)(void*)) {
  Header* h = reinterpret_cast<Header*>(static_cast<char*>(object) - kHeaderSize);
  h->type = type;
  h->destructor = destructor;
  h->handlers = 0;
  __builtin_wasm_throw(0, h);
}

// The personality, for one landing pad: Wasm has no search phase, so this only picks the clause.
int _Unwind_CallPersonality(void* payload) {
  Header* h = static_cast<Header*>(payload);
  __wasm_lpad_context.selector = 0;
  const std::uint8_t* p = __wasm_lpad_context.lsda;
  if (p == nullptr) return 0;
  std::uint8_t lp_start_encoding = *p++;
  read_encoded(&p, lp_start_encoding);
  std::uint8_t ttype_encoding = *p++;
  const std::uint8_t* class_info = nullptr;
  if (ttype_encoding != kOmit) {
    std::uintptr_t offset = read_uleb(&p);
    class_info = p + offset;
  }
  p++;  // the call-site encoding: always ULEB128 for Wasm
  std::uintptr_t table_length = read_uleb(&p);
  const std::uint8_t* actions = p + table_length;
  // One entry per landing pad, in order: its index and its first action (1-based, 0 for none).
  for (std::uintptr_t i = 0;; i++) {
    if (p >= actions) return 0;
    read_uleb(&p);
    std::uintptr_t action = read_uleb(&p);
    if (i != __wasm_lpad_context.lpad_index) continue;
    if (action == 0) return 0;
    const std::uint8_t* a = actions + (action - 1);
    while (true) {
      std::intptr_t type_index = read_sleb(&a);
      if (type_index > 0) {
        const std::uint8_t* entry = class_info - type_index * encoded_size(ttype_encoding);
        auto handler = reinterpret_cast<const std::type_info*>(read_encoded(&entry, ttype_encoding));
        if (handler == nullptr || can_catch(handler, h->type)) {  // null: catch (...)
          __wasm_lpad_context.selector = static_cast<std::uintptr_t>(type_index);
          return 0;
        }
      }
      const std::uint8_t* next = a;
      std::intptr_t offset = read_sleb(&next);
      if (offset == 0) return 0;
      a += offset;
    }
  }
}

void* __cxa_get_exception_ptr(void* payload) noexcept { return object_of(static_cast<Header*>(payload)); }

void* __cxa_begin_catch(void* payload) noexcept {
  Header* h = static_cast<Header*>(payload);
  h->handlers = (h->handlers < 0 ? -h->handlers : h->handlers) + 1;
  if (h != caught_stack) {
    h->next_caught = caught_stack;
    caught_stack = h;
  }
  return object_of(h);
}

void __cxa_end_catch() {
  Header* h = caught_stack;
  if (h == nullptr) return;
  if (h->handlers < 0) {
    // Rethrown: it lives on; the next handler to catch it owns it.
    if (++h->handlers == 0) caught_stack = h->next_caught;
    return;
  }
  if (--h->handlers == 0) {
    caught_stack = h->next_caught;
    if (h->destructor != nullptr) h->destructor(object_of(h));
    __cxa_free_exception(object_of(h));
  }
}

[[noreturn]] void __cxa_rethrow() {
  Header* h = caught_stack;
  if (h == nullptr) std::terminate();
  h->handlers = -h->handlers;
  __builtin_wasm_throw(0, h);
}

/** The type an exception was thrown as, given its payload. */
const std::type_info* eh_exception_type(void* payload) { return static_cast<Header*>(payload)->type; }

/** How many thrown exceptions are not yet destroyed (the test program checks it is 0). */
int eh_live_exceptions() { return live_exceptions; }

}  // extern "C"
