/*
 * A bare-metal s390x guest that floods the SCLP VT220 console: LINES numbered lines,
 * several per write-event-data request, then a last line, then it stops its CPU
 * (SIGP stop to itself), which powers the machine off. Built by e2e/console.spec.ts
 * with s390x-linux-gnu-gcc; linked at 0x20000, clear of the Linux parameter area.
 * (With the SCCB at a fixed absolute address, gcc -O2 reaches buf through a LARL whose
 * target lies below address 0, which ztab's CPU computes wrongly as of 2026-11-21:
 * see the report; the static SCCB keeps this test about the console.)
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;

#ifndef LINES
#define LINES 100000
#endif
#define ROOM 3900

u8 stack[16384] __attribute__((aligned(16), used));
/* SCCBs must sit below 2 GiB and not cross a page. */
static u8 sccb[4096] __attribute__((aligned(4096)));
#define SCCB sccb

asm(".globl _start\n_start:\n"
    "  larl %r15,stack\n"
    "  aghi %r15,16384-160\n"
    "  brasl %r14,main\n"
    "0: j 0b\n");

static void servc(u32 cmd, u8 *sccb) {
  asm volatile(".insn rre,0xb2200000,%0,%1" : : "d"((u64)cmd), "a"((u64)sccb) : "cc", "memory");
}

static char buf[4096];
static int len;

static void flush(void) {
  u8 *s = SCCB;
  for (int k = 0; k < 14 + len; k++) s[k] = 0;
  *(u16 *)s = 8 + 6 + len;
  *(u16 *)(s + 8) = 6 + len;
  s[10] = 0x1a;
  for (int k = 0; k < len; k++) s[14 + k] = buf[k];
  servc(0x00760005, s);
  len = 0;
}

static void put(const char *t) {
  while (*t) buf[len++] = *t++;
}

static void num(unsigned v) {
  char d[10];
  int n = 0;
  do { d[n++] = '0' + v % 10; v /= 10; } while (v);
  while (n < 6) d[n++] = '0';
  while (n) buf[len++] = d[--n];
}

int main(void) {
  u8 *s = SCCB;
  for (int k = 0; k < 32; k++) s[k] = 0;
  *(u16 *)s = 28; *(u16 *)(s + 10) = 4; *(u32 *)(s + 16) = 0x40;
  servc(0x00780005, s); /* write event mask: the VT220 may send */
  for (unsigned i = 0; i < LINES; i++) {
    put("ztab flood line "); num(i); put(" \xe2\x94\x80\xe2\x94\x80 \x1b[32mgreen\x1b[0m ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n");
    if (len > ROOM - 100) flush();
  }
  put("ztab flood done\r\n");
  flush();
  asm volatile("stap 0(%0)" : : "a"(s) : "memory");
  asm volatile("sigp 0,%0,5" : : "d"((u64)*(u16 *)s) : "cc", "memory"); /* stop */
  for (;;) ;
}
