/* Benchmark: double-precision kernels: matrix multiply, an n-body step, a Mandelbrot row. */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 120;
  double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = calloc((size_t)n * n, sizeof(double));
  for (int i = 0; i < n * n; i++) { a[i] = (i % 17) * 0.25 - 2; b[i] = (i % 13) * 0.5 + 1; }
  for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) { double x = a[i * n + k]; for (int j = 0; j < n; j++) c[i * n + j] += x * b[k * n + j]; }
  double tr = 0; for (int i = 0; i < n; i++) tr += c[i * n + i];
  double px[5] = { 0, 4.84, 8.34, 12.89, 15.37 }, py[5] = { 0, -1.16, 4.12, -15.11, -25.91 }, vx[5] = { 0, 0.6, -1.0, 1.08, 0.97 }, vy[5] = { 0, 2.8, 1.8, 0.86, 0.59 };
  double m[5] = { 39.47, 0.037, 0.011, 0.0017, 0.002 };
  for (int step = 0; step < n * 50; step++) {
    for (int i = 0; i < 5; i++) for (int j = i + 1; j < 5; j++) {
      double dx = px[i] - px[j], dy = py[i] - py[j], d2 = dx * dx + dy * dy, mag = 0.001 / (d2 * sqrt(d2));
      vx[i] -= dx * m[j] * mag; vy[i] -= dy * m[j] * mag; vx[j] += dx * m[i] * mag; vy[j] += dy * m[i] * mag;
    }
    for (int i = 0; i < 5; i++) { px[i] += 0.001 * vx[i]; py[i] += 0.001 * vy[i]; }
  }
  long inside = 0;
  for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
    double cr = -2.0 + 2.5 * x / n, ci = -1.25 + 2.5 * y / n, zr = 0, zi = 0; int it = 0;
    while (it < 100 && zr * zr + zi * zi < 4) { double t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; it++; }
    inside += it == 100;
  }
  printf("trace %.6e body %.9f %.9f mandel %ld\n", tr, px[1], py[1], inside);
  return 0;
}
