/* float, double and long double (IEEE binary128 on s390x) arithmetic, libm and printf. */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <float.h>

static volatile double dv[] = { 0.0, -0.0, 1.0, -1.5, 3.141592653589793, 1e-300, 1e300, 2.5e-310,
  123456789.125, -0.1, 0.3333333333333333, 65504.0 };
#define N (sizeof dv / sizeof dv[0])

int main(void) {
  double sum = 0;
  for (unsigned i = 0; i < N; i++) {
    double a = dv[i];
    float f = (float)a;
    long double l = (long double)a;
    printf("%u: %g %.17g %e %a | %f %.9g | %Lg %.36Le\n", i, a, a, a, a, (double)f, f, l * 3, l / 7);
    for (unsigned j = 0; j < N; j++) {
      double b = dv[j];
      sum += a + b; sum -= a * b * 1e-3; if (b != 0) sum += a / b * 1e-9;
      sum += (a < b) + (a == b) * 2 + (a > b) * 4;
    }
  }
  printf("sum=%.17g\n", sum);
  printf("sqrt2=%.17g %.9g %.36Lg\n", sqrt(2.0), sqrtf(2.0f), sqrtl(2.0L));
  printf("sin=%.17g cos=%.17g exp=%.17g log=%.17g pow=%.17g\n", sin(1.0), cos(1.0), exp(1.0), log(10.0), pow(2.0, 0.5));
  printf("fmod=%.17g floor=%g ceil=%g round=%g trunc=%g rint=%g\n", fmod(10.5, 3.0), floor(-2.5), ceil(-2.5), round(-2.5), trunc(-2.5), rint(2.5));
  printf("atan2=%.17g hypot=%.17g cbrt=%.17g\n", atan2(1.0, -1.0), hypot(3.0, 4.0), cbrt(27.0));
  long double ld = 1.0L;
  for (int k = 1; k <= 30; k++) ld *= k;
  printf("30!=%.0Lf %.30Le\n", ld, ld);
  printf("ld third=%.40Lf\n", 1.0L / 3.0L);
  printf("limits %g %g %g %Lg %Lg\n", DBL_MAX, DBL_MIN, DBL_EPSILON, LDBL_MAX, LDBL_EPSILON);
  printf("inf=%f nan=%f -inf=%e %d %d\n", INFINITY, NAN, -INFINITY, isnan(NAN), isinf(-INFINITY));
  printf("strtod %.17g %.17g %.17g\n", strtod("2.718281828459045235360287", 0), strtod("1e-320", 0), strtod("0x1.8p3", 0));
  printf("conv %ld %lu %d %lld %.17g %.17g\n", (long)-3.99, (unsigned long)1e19, (int)-2147483648.0, (long long)1e18, (double)(1LL << 62), (double)123456789012345678LL);
  float fs = 0; for (int k = 1; k <= 1000; k++) fs += 1.0f / k;
  printf("harmonic f=%.9g\n", fs);
  long double ls = 0; for (int k = 1; k <= 1000; k++) ls += 1.0L / k;
  printf("harmonic L=%.33Lg\n", ls);
  printf("fma=%.17g %.9g\n", fma(1.0 + DBL_EPSILON, 1.0 - DBL_EPSILON, -1.0), fmaf(1.5f, 2.5f, 0.25f));
  return 0;
}
