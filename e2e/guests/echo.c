/*
 * A bare-metal s390x guest that answers console lines: it polls the SCLP for VT220
 * input (read event data), collects a line, and writes back "ECHO: " and the line in
 * upper case; "off" stops its CPU (the machine powers off). Built by
 * e2e/console.spec.ts with s390x-linux-gnu-gcc; linked at 0x20000.
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;

u8 stack[16384] __attribute__((aligned(16), used));
/* SCCBs must sit below 2 GiB and not cross a page. */
static u8 out[4096] __attribute__((aligned(4096)));
static u8 in[4096] __attribute__((aligned(4096)));

asm(".globl _start\n_start:\n"
    "  larl %r15,stack\n"
    "  aghi %r15,16384-160\n"
    "  brasl %r14,main\n"
    "0: j 0b\n");

static void servc(u32 cmd, u8 *sccb) {
  asm volatile(".insn rre,0xb2200000,%0,%1" : : "d"((u64)cmd), "a"((u64)sccb) : "cc", "memory");
}

static void zero(u8 *p, int n) { for (int k = 0; k < n; k++) ((volatile u8 *)p)[k] = 0; }

static void say(const char *t, int n) {
  zero(out, 16);
  *(u16 *)out = 8 + 6 + n;
  *(u16 *)(out + 8) = 6 + n;
  out[10] = 0x1a;
  for (int k = 0; k < n; k++) out[14 + k] = t[k];
  servc(0x00760005, out);
}

static int length(const char *t) { int n = 0; while (t[n]) n++; return n; }

static char line[256];
static int used;

int main(void) {
  zero(out, 32);
  *(u16 *)out = 28; *(u16 *)(out + 10) = 4;
  *(u32 *)(out + 12) = 0x40; /* the guest receives VT220 data */
  *(u32 *)(out + 16) = 0x40; /* and sends it */
  servc(0x00780005, out);
  const char *ready = "ztab echo ready\r\n> ";
  say(ready, length(ready));
  for (;;) {
    zero(in, 16);
    *(u16 *)in = 4096;
    servc(0x00770005, in);
    if (*(u16 *)(in + 6) != 0x0020) continue;
    int end = *(u16 *)in;
    for (int off = 8; off + 6 <= end && off + 6 <= 4096;) {
      int el = *(u16 *)(in + off);
      if (el < 6 || off + el > 4096) break;
      if (in[off + 2] == 0x1a) {
        for (int k = off + 7; k < off + el; k++) {
          char c = (char)in[k];
          if (c == '\r' || c == '\n') {
            if (used == 3 && line[0] == 'o' && line[1] == 'f' && line[2] == 'f') {
              say("\r\nbye\r\n", 7);
              asm volatile("stap 0(%0)" : : "a"(out) : "memory");
              asm volatile("sigp 0,%0,5" : : "d"((u64)*(u16 *)out) : "cc", "memory");
              for (;;) ;
            }
            char reply[300];
            int n = 0;
            const char *p = "\r\nECHO: ";
            while (*p) reply[n++] = *p++;
            for (int j = 0; j < used; j++) reply[n++] = line[j] >= 'a' && line[j] <= 'z' ? line[j] - 32 : line[j];
            reply[n++] = '\r'; reply[n++] = '\n'; reply[n++] = '>'; reply[n++] = ' ';
            say(reply, n);
            used = 0;
          } else if (used < 255) {
            line[used++] = c;
            say(&c, 1); /* echo as typed */
          }
        }
      }
      off += el;
    }
  }
}
