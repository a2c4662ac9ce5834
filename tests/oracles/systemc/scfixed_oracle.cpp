// SystemC sc_fixed oracle for Neuro's fixed-point core (tests/FixedPointSim.Tests/SystemCOracleTests.cs).
//
// Reads one request per line on stdin and answers one line per request on stdout, "= <raw>" where <raw>
// is the result's raw integer (its bits read LSB first with operator[], as a signed or unsigned decimal).
// Modes are numbered as Neuro's enums:
//   quantization 0 SC_RND, 1 SC_RND_ZERO, 2 SC_RND_MIN_INF, 3 SC_RND_INF, 4 SC_RND_CONV, 5 SC_TRN, 6 SC_TRN_ZERO
//   overflow     0 SC_SAT, 1 SC_SAT_ZERO, 2 SC_SAT_SYM, 3 SC_WRAP (n_bits = 0)
// A format is three fields: signed(0|1) wl iwl.
// Requests:
//   D <fmt> q o <hex bits of an IEEE double>        convert a double
//   R <fmt> <raw> <fmt> q o                          requantize a raw value of the first format into the second
//   A|S|M <fmt> <raw> <fmt> <raw> <fmt> q o           a+b, a-b, a*b (exact sc_fxval) then cast into the third format
#define SC_INCLUDE_FX
#include <systemc.h>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

namespace {

const sc_dt::sc_q_mode kQ[] = {sc_dt::SC_RND, sc_dt::SC_RND_ZERO, sc_dt::SC_RND_MIN_INF, sc_dt::SC_RND_INF,
                               sc_dt::SC_RND_CONV, sc_dt::SC_TRN, sc_dt::SC_TRN_ZERO};
const sc_dt::sc_o_mode kO[] = {sc_dt::SC_SAT, sc_dt::SC_SAT_ZERO, sc_dt::SC_SAT_SYM, sc_dt::SC_WRAP};

struct Fmt {
  int is_signed, wl, iwl;
};

std::istream& operator>>(std::istream& in, Fmt& f) { return in >> f.is_signed >> f.wl >> f.iwl; }

// Result raw integer of a (signed or unsigned) fixed-point number, from its bits.
std::string raw_of(const sc_dt::sc_fxnum& x, const Fmt& f) {
  unsigned __int128 bits = 0;
  for (int i = 0; i < f.wl; i++) {
    if (x[i]) bits |= (unsigned __int128)1 << i;
  }
  bool negative = f.is_signed && ((bits >> (f.wl - 1)) & 1);
  unsigned __int128 magnitude = negative ? (((unsigned __int128)1 << f.wl) - bits) : bits;
  std::string digits;
  do {
    digits.insert(digits.begin(), char('0' + (int)(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  return negative ? "-" + digits : digits;
}

// Builds an exact fixed-point number of format f with the given raw integer (two's complement bits).
void set_raw(sc_dt::sc_fxnum& x, const Fmt& f, const std::string& raw_text) {
  bool negative = !raw_text.empty() && raw_text[0] == '-';
  unsigned __int128 magnitude = 0;
  for (size_t i = negative ? 1 : 0; i < raw_text.size(); i++) magnitude = magnitude * 10 + (unsigned)(raw_text[i] - '0');
  unsigned __int128 bits = negative ? (unsigned __int128)0 - magnitude : magnitude;
  for (int i = 0; i < f.wl; i++) x[i] = (bool)((bits >> i) & 1);
}

// An sc_fix or sc_ufix of format f (sc_fxnum's destructor is protected, so hold the concrete type).
struct Num {
  std::unique_ptr<sc_dt::sc_fix> s;
  std::unique_ptr<sc_dt::sc_ufix> u;
  Num(const Fmt& f, int q, int o) {
    if (f.is_signed) s.reset(new sc_dt::sc_fix(f.wl, f.iwl, kQ[q], kO[o]));
    else u.reset(new sc_dt::sc_ufix(f.wl, f.iwl, kQ[q], kO[o]));
  }
  sc_dt::sc_fxnum& operator*() { return s ? static_cast<sc_dt::sc_fxnum&>(*s) : static_cast<sc_dt::sc_fxnum&>(*u); }
};

}  // namespace

int sc_main(int, char**) {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    std::istringstream in(line);
    std::string op;
    in >> op;
    if (op == "D") {
      Fmt f;
      int q, o;
      std::string hex;
      in >> f >> q >> o >> hex;
      uint64_t bits = std::stoull(hex, nullptr, 16);
      double d;
      std::memcpy(&d, &bits, sizeof d);
      Num x(f, q, o);
      *x = d;
      std::cout << "= " << raw_of(*x, f) << '\n';
    } else if (op == "R") {
      Fmt fs, ft;
      std::string raw;
      int q, o;
      in >> fs >> raw >> ft >> q >> o;
      Num src(fs, 5, 3);
      set_raw(*src, fs, raw);
      Num dst(ft, q, o);
      *dst = *src;
      std::cout << "= " << raw_of(*dst, ft) << '\n';
    } else if (op == "A" || op == "S" || op == "M") {
      Fmt fa, fb, ft;
      std::string ra, rb;
      int q, o;
      in >> fa >> ra >> fb >> rb >> ft >> q >> o;
      Num a(fa, 5, 3);
      Num b(fb, 5, 3);
      set_raw(*a, fa, ra);
      set_raw(*b, fb, rb);
      Num t(ft, q, o);
      if (op == "A") *t = *a + *b;
      else if (op == "S") *t = *a - *b;
      else *t = *a * *b;
      std::cout << "= " << raw_of(*t, ft) << '\n';
    } else {
      std::cout << "! unknown request '" << op << "'\n";
    }
  }
  std::cout.flush();
  return 0;
}
