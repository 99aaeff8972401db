/* Benchmark: an LZ77 compressor with a hash chain and its decompressor, over text-like data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define HBITS 14
static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
  static int32_t head[1 << HBITS];
  int32_t *prev = malloc(n * sizeof *prev);
  memset(head, -1, sizeof head);
  size_t o = 0, i = 0;
  while (i < n) {
    size_t best = 0, dist = 0;
    if (i + 3 <= n) {
      uint32_t hv = ((uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2]) * 2654435761u >> (32 - HBITS);
      int32_t c = head[hv];
      for (int chain = 0; c >= 0 && chain < 16 && i - (size_t)c < 65535; chain++, c = prev[c]) {
        size_t l = 0;
        while (i + l < n && l < 258 && in[c + l] == in[i + l]) l++;
        if (l > best) { best = l; dist = i - (size_t)c; }
      }
      prev[i] = head[hv]; head[hv] = (int32_t)i;
    }
    if (best >= 4) {
      out[o++] = 0xff; out[o++] = (uint8_t)(best - 4); out[o++] = (uint8_t)(dist >> 8); out[o++] = (uint8_t)dist;
      for (size_t k = 1; k < best; k++) {
        if (i + k + 3 <= n) {
          uint32_t hv = ((uint32_t)in[i + k] << 16 | (uint32_t)in[i + k + 1] << 8 | in[i + k + 2]) * 2654435761u >> (32 - HBITS);
          prev[i + k] = head[hv]; head[hv] = (int32_t)(i + k);
        }
      }
      i += best;
    } else {
      if (in[i] == 0xff) out[o++] = 0xff, out[o++] = 0xff; else out[o++] = in[i];
      i++;
    }
  }
  free(prev);
  return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    if (in[i] != 0xff) { out[o++] = in[i++]; continue; }
    if (in[i + 1] == 0xff) { out[o++] = 0xff; i += 2; continue; }
    size_t len = in[i + 1] + 4u, dist = (size_t)in[i + 2] << 8 | in[i + 3];
    for (size_t k = 0; k < len; k++, o++) out[o] = out[o - dist];
    i += 4;
  }
  return o;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? strtoul(argv[1], 0, 0) : 1 << 20;
  static const char *words[] = { "the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ", "and ", "runs ", "away\n", "z/Architecture ", "emulator " };
  uint8_t *in = malloc(n), *c = malloc(2 * n + 16), *d = malloc(n + 300);
  uint32_t s = 12345;
  for (size_t i = 0; i < n;) { s = s * 1103515245 + 12345; const char *w = words[(s >> 16) % 13]; for (; *w && i < n; w++) in[i++] = (uint8_t)*w; }
  size_t cl = compress(in, n, c);
  size_t dl = decompress(c, cl, d);
  printf("in %zu compressed %zu round trip %s\n", n, cl, dl == n && !memcmp(in, d, n) ? "ok" : "BAD");
  return 0;
}
