/* Synchronous signals: SIGFPE from integer division by zero, SIGSEGV from bad pointers,
   SIGILL from an invalid opcode, each caught and left with siglongjmp; raise() and masks. */
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int caught_sig, caught_code;
static volatile uintptr_t caught_addr;

static void on_fault(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  caught_sig = sig; caught_code = si->si_code; caught_addr = (uintptr_t)si->si_addr;
  siglongjmp(env, 1);
}
static volatile int usr1;
static int *volatile lowptr = (int *)16;
static void on_usr1(int sig) { usr1 += sig; }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGFPE, &sa, 0);
  sigaction(SIGSEGV, &sa, 0);
  sigaction(SIGILL, &sa, 0);
  volatile int zero = 0, one = 1;
  if (!sigsetjmp(env, 1)) { printf("div %d\n", one / zero); }
  printf("SIGFPE: sig=%d code=%d\n", caught_sig, caught_code);
  volatile long lz = 0, l1 = 5;
  if (!sigsetjmp(env, 1)) { printf("ldiv %ld\n", l1 / lz); }
  printf("SIGFPE(64): sig=%d code=%d\n", caught_sig, caught_code);
  if (!sigsetjmp(env, 1)) { *lowptr = 1; }
  printf("SIGSEGV null: sig=%d code=%d page=%#lx\n", caught_sig, caught_code, (unsigned long)(caught_addr & ~0xfffUL));
  if (!sigsetjmp(env, 1)) { volatile char *p = (char *)(uintptr_t)main; *p = 0; }
  printf("SIGSEGV text: sig=%d code=%d same page=%d\n", caught_sig, caught_code, (caught_addr & ~0xfffUL) == ((uintptr_t)main & ~0xfffUL));
  if (!sigsetjmp(env, 1)) { __asm__ volatile(".long 0x00000000"); }
  printf("SIGILL: sig=%d code=%d\n", caught_sig, caught_code);
  signal(SIGUSR1, on_usr1);
  raise(SIGUSR1);
  printf("usr1=%d\n", usr1);
  sigset_t set, old;
  sigemptyset(&set); sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, &old);
  raise(SIGUSR1);
  printf("blocked usr1=%d\n", usr1);
  sigprocmask(SIG_SETMASK, &old, 0);
  printf("unblocked usr1=%d\n", usr1);
  fflush(stdout);
  signal(SIGSEGV, SIG_DFL);
  lowptr = (int *)8;
  *lowptr = 0;  /* dies: status 139 */
  return 0;
}
