/* SHA-256, CRC-32 and FNV-1a over generated data: long chains of 32/64-bit logic. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

static const uint32_t K[64] = {
  0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,
  0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
  0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,
  0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
  0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,
  0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2 };
#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256(const uint8_t *msg, size_t len, uint8_t out[32]) {
  uint32_t h[8] = { 0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19 };
  size_t total = ((len + 9 + 63) / 64) * 64;
  uint8_t *m = calloc(total, 1);
  memcpy(m, msg, len); m[len] = 0x80;
  uint64_t bits = (uint64_t)len * 8;
  for (int k = 0; k < 8; k++) m[total - 1 - k] = (uint8_t)(bits >> (8 * k));
  for (size_t off = 0; off < total; off += 64) {
    uint32_t w[64], a, b, c, d, e, f, g, hh;
    for (int t = 0; t < 16; t++) w[t] = (uint32_t)m[off + 4*t] << 24 | (uint32_t)m[off + 4*t+1] << 16 | (uint32_t)m[off + 4*t+2] << 8 | m[off + 4*t+3];
    for (int t = 16; t < 64; t++) {
      uint32_t s0 = ROR(w[t-15], 7) ^ ROR(w[t-15], 18) ^ (w[t-15] >> 3), s1 = ROR(w[t-2], 17) ^ ROR(w[t-2], 19) ^ (w[t-2] >> 10);
      w[t] = w[t-16] + s0 + w[t-7] + s1;
    }
    a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; hh = h[7];
    for (int t = 0; t < 64; t++) {
      uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
      uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  free(m);
  for (int k = 0; k < 8; k++) for (int j = 0; j < 4; j++) out[4*k+j] = (uint8_t)(h[k] >> (24 - 8*j));
}

static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t t[256];
  for (uint32_t i = 0; i < 256; i++) { uint32_t c = i; for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1; t[i] = c; }
  uint32_t c = 0xffffffff;
  while (n--) c = t[(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffff;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? strtoul(argv[1], 0, 0) : 100000;
  uint8_t *buf = malloc(n);
  uint64_t x = 88172645463325252ULL;
  for (size_t i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; buf[i] = (uint8_t)x; }
  uint8_t d[32];
  sha256((const uint8_t *)"abc", 3, d);
  for (int k = 0; k < 32; k++) printf("%02x", d[k]);
  printf("  abc\n");
  sha256(buf, n, d);
  for (int k = 0; k < 32; k++) printf("%02x", d[k]);
  printf("  buf\n");
  uint64_t fnv = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) { fnv ^= buf[i]; fnv *= 0x100000001b3ULL; }
  printf("crc32=%08x fnv1a=%016llx\n", crc32(buf, n), (unsigned long long)fnv);
  return 0;
}
