/* Benchmark: sorting integers (qsort with a comparator call, and an inlined merge sort). */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static int cmp(const void *a, const void *b) { int32_t x = *(const int32_t *)a, y = *(const int32_t *)b; return (x > y) - (x < y); }

static void msort(int32_t *a, int32_t *t, size_t n) {
  if (n < 2) return;
  size_t h = n / 2;
  msort(a, t, h); msort(a + h, t, n - h);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) t[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < h) t[k++] = a[i++];
  while (j < n) t[k++] = a[j++];
  for (k = 0; k < n; k++) a[k] = t[k];
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? strtoul(argv[1], 0, 0) : 200000;
  int32_t *a = malloc(n * 4), *b = malloc(n * 4), *t = malloc(n * 4);
  uint32_t s = 2463534242u;
  for (size_t i = 0; i < n; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; a[i] = b[i] = (int32_t)s; }
  qsort(a, n, 4, cmp);
  msort(b, t, n);
  uint64_t h = 0;
  for (size_t i = 0; i < n; i++) { if (a[i] != b[i]) { printf("mismatch at %zu\n", i); return 1; } h = h * 1000003 + (uint32_t)a[i]; }
  printf("sorted %zu, hash %016llx\n", n, (unsigned long long)h);
  return 0;
}
