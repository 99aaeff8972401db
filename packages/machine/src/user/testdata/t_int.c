/* Integer arithmetic and its printf: 8..128-bit, signed and unsigned, the corners. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>

static volatile int64_t vals[] = { 0, 1, -1, 2, -2, 7, -7, 1000003, -1000003, INT32_MAX, INT32_MIN,
  (int64_t)INT32_MAX + 1, INT64_MAX, INT64_MIN, 0x123456789abcdefLL, -0x123456789abcdefLL, 255, 65535 };
#define N (sizeof vals / sizeof vals[0])

static void p128(const char *tag, unsigned __int128 v, int neg) {
  char buf[64]; int k = 63; buf[k] = 0;
  if (v == 0) buf[--k] = '0';
  while (v) { buf[--k] = '0' + (int)(v % 10); v /= 10; }
  printf("%s=%s%s\n", tag, neg ? "-" : "", buf + k);
}

int main(void) {
  uint64_t acc = 0x9e3779b97f4a7c15ULL;
  for (unsigned i = 0; i < N; i++) {
    for (unsigned j = 0; j < N; j++) {
      int64_t a = vals[i], b = vals[j];
      uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
      int32_t a32 = (int32_t)a, b32 = (int32_t)b;
      acc = acc * 31 + (ua + ub) + (ua - ub) * 3 + ua * ub;
      acc ^= (uint64_t)(a32 * b32) + (uint32_t)a32 / ((uint32_t)b32 | 1);
      if (b != 0 && !(a == INT64_MIN && b == -1)) acc += (uint64_t)(a / b) ^ (uint64_t)(a % b);
      if (ub != 0) acc += ua / ub + ua % ub;
      if (b32 != 0 && !(a32 == INT32_MIN && b32 == -1)) acc += (uint64_t)(a32 / b32) + (uint64_t)(a32 % b32);
      acc += (ua << (j & 63)) ^ (ua >> (i & 63)) ^ (uint64_t)(a >> (j & 63));
      acc += (a < b) + 2 * (ua < ub) + 4 * (a32 < b32) + 8 * ((uint32_t)a32 < (uint32_t)b32);
      acc += __builtin_popcountll(ua) + __builtin_clzll(ua | 1) + __builtin_ctzll(ub | 0x8000000000000000ULL);
      __int128 p = (__int128)a * b;
      unsigned __int128 up = (unsigned __int128)ua * ub;
      acc += (uint64_t)(p >> 64) ^ (uint64_t)p ^ (uint64_t)(up >> 64);
      if (i == j) printf("%3u: %" PRId64 " %" PRIu64 " %#" PRIx64 " %" PRIo64 " %d %u %hd %hhu %lld\n", i, a, ua, ua, ua, a32, (unsigned)a32, (short)a, (unsigned char)a, (long long)b);
    }
  }
  printf("acc=%016" PRIx64 "\n", acc);
  unsigned __int128 f = 1;
  for (int k = 1; k <= 34; k++) { f *= k; if (k % 5 == 0 || k == 34) { char t[16]; snprintf(t, sizeof t, "%d!", k); p128(t, f, 0); } }
  __int128 s = -((__int128)1 << 100) + 12345;
  p128("neg", (unsigned __int128)(-s), 1);
  printf("%+d|%-8d|%8d|%08x|%X|%#o|%5.3d|%ld|%lu|%zu|%%\n", 42, -42, 42, 0xbeef, 0xcafeu, 8, 7, LONG_MIN, ULONG_MAX, sizeof(__int128));
  int64_t x = 1; int over = 0;
  for (int k = 0; k < 70; k++) over += __builtin_mul_overflow(x, (int64_t)3, &x);
  printf("overflowed %d times, x=%" PRId64 "\n", over, x);
  return (int)(acc & 0x3f);
}
