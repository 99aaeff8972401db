/* String and memory functions, qsort/bsearch, formatted scanning, setjmp/longjmp, malloc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <setjmp.h>

static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static jmp_buf jb;
static int depth;
static void dive(int n) { depth = n; if (n == 37) longjmp(jb, n); if (n < 1000) dive(n + 1); }

int main(void) {
  char buf[256], big[5000];
  strcpy(buf, "The quick brown fox");
  strcat(buf, " jumps over the lazy dog");
  printf("len=%zu chr=%s rchr=%s str=%s\n", strlen(buf), strchr(buf, 'q'), strrchr(buf, 'o'), strstr(buf, "lazy"));
  printf("cmp=%d %d %d ncmp=%d case=%d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp("x", "x"), strncmp("abcdef", "abcxyz", 3), strcasecmp("HeLLo", "hello"));
  printf("spn=%zu cspn=%zu pbrk=%s\n", strspn("aaabbc", "ab"), strcspn("hello world", " "), strpbrk("hello", "lo"));
  for (int k = 0; k < 5000; k++) big[k] = (char)('a' + k % 26);
  memmove(big + 10, big, 3000);
  memmove(big, big + 7, 2000);
  unsigned h = 0; for (int k = 0; k < 5000; k++) h = h * 33 + (unsigned char)big[k];
  printf("memmove hash %08x memcmp %d %d\n", h, memcmp(big, big + 26, 100) == 0, memcmp("abc", "abd", 3) < 0);
  memset(big, 'Z', 4096); big[4096] = 0;
  printf("memset len %zu memchr %ld\n", strlen(big), (long)((char *)memchr(big, 'Z', 10) - big));
  char *tok, *save, line[] = "alpha,beta,,gamma;delta";
  for (tok = strtok_r(line, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) printf("[%s]", tok);
  printf("\n");
  for (const char *p = "Hello, World 123!"; *p; p++) putchar(isalpha((unsigned char)*p) ? toupper((unsigned char)*p) : isdigit((unsigned char)*p) ? '#' : '.');
  putchar('\n');
  int arr[1000]; unsigned s = 12345;
  for (int k = 0; k < 1000; k++) { s = s * 1103515245 + 12345; arr[k] = (int)(s >> 8) % 100000 - 50000; }
  qsort(arr, 1000, sizeof arr[0], cmp_int);
  int key = arr[500], *found = bsearch(&key, arr, 1000, sizeof arr[0], cmp_int);
  printf("sorted %d %d %d %d found=%d\n", arr[0], arr[1], arr[998], arr[999], found && *found == key);
  char *words[] = { "pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape" };
  qsort(words, 8, sizeof words[0], cmp_str);
  for (int k = 0; k < 8; k++) printf("%s%c", words[k], k == 7 ? '\n' : ' ');
  int a, b; char w[32]; double d;
  int n = sscanf("  42 -17 word 2.5e3", "%d %d %31s %lf", &a, &b, w, &d);
  printf("sscanf %d: %d %d %s %g\n", n, a, b, w, d);
  printf("strtol %ld %ld %lu %ld\n", strtol("-0x1f", 0, 16), strtol("0777", 0, 0), strtoul("18446744073709551615", 0, 10), strtol("zz", 0, 36));
  printf("atoi %d %ld\n", atoi("  -123abc"), atol("9876543210"));
  int r = setjmp(jb);
  if (r == 0) dive(0);
  printf("longjmp returned %d depth %d\n", r, depth);
  char **ptrs = malloc(200 * sizeof *ptrs);
  size_t total = 0;
  for (int k = 0; k < 200; k++) { ptrs[k] = malloc((size_t)(k * 37 % 1000 + 1)); memset(ptrs[k], k, (size_t)(k * 37 % 1000 + 1)); total += (size_t)(k * 37 % 1000 + 1); }
  for (int k = 0; k < 200; k += 2) { free(ptrs[k]); ptrs[k] = 0; }
  for (int k = 1; k < 200; k += 2) { ptrs[k] = realloc(ptrs[k], 3000); if (ptrs[k][0] != (char)k) printf("realloc lost data\n"); }
  void *huge = malloc(10 << 20); memset(huge, 1, 10 << 20);
  printf("malloc total %zu huge ok %d\n", total, ((char *)huge)[(10 << 20) - 1] == 1);
  free(huge);
  for (int k = 1; k < 200; k += 2) free(ptrs[k]);
  free(ptrs);
  snprintf(buf, sizeof buf, "%s|%10.4s|%-6s|%c|%5c", "str", "truncate", "ab", 'x', 'y');
  puts(buf);
  return 0;
}
