// CPU-bound commands for the booted guest. Only busybox is in the initramfs; its awk has no
// sin/sqrt ("Math support is not compiled in"), so the floating-point loop divides and
// multiplies. The input text is a hex dump of /bin/busybox, the same bytes in every guest,
// written to /tmp (tmpfs) by the first workload. Sizes are chosen so that QEMU needs
// >= 0.5 s for each on this 2-core host (measured 2026-11-21: od 1.4 s, gzip 2.6, bzip2
// 1.9, sha256 0.7, md5 0.5, sort 1.4 exec'd, awk 1.2).
//
// Commands avoid per-line writes to a pipe or the console (seq and awk's printf write a
// line at a time, which measures system calls rather than the CPU); each prints a digest.

export interface Workload {
  name: string;
  cmd: string;
  /** An untimed line that must run first in the same guest. */
  setup?: string;
  /** Part of the --quick subset. */
  quick?: boolean;
}

export const WORKLOADS: Workload[] = [
  { name: 'od -tx4 busybox (4.7 MB text)', cmd: 'od -An -tx4 -v /bin/busybox > /tmp/t.txt && md5sum < /tmp/t.txt', quick: true },
  { name: 'gzip 4.7 MB text', cmd: 'gzip -c < /tmp/t.txt | md5sum' },
  { name: 'bzip2 busybox (2 MB)', cmd: 'bzip2 -c < /bin/busybox | md5sum' },
  { name: 'sha256sum 11.5 MB', cmd: 'sha256sum /tmp/t.txt /bin/busybox /tmp/t.txt' },
  { name: 'md5sum 20 MB', cmd: 'md5sum /tmp/t.txt /bin/busybox /tmp/t.txt /bin/busybox /tmp/t.txt /bin/busybox' },
  // `time` makes the shell exec sort; typed bare, ash runs the applet in a fork of itself
  // without exec, which qemu-system-s390x runs 5-15x slower (7-25 s, varying from run to
  // run, against 1.4 s exec'd; not understood yet). Both are measured.
  { name: 'sort 128k lines (exec)', cmd: "time -f '' sort /tmp/t.txt | md5sum" },
  { name: 'sort 128k lines (ash fork)', cmd: 'sort /tmp/t.txt | md5sum' },
  { name: 'awk float loop 1e5', cmd: `awk 'BEGIN{for(i=1;i<=100000;i++)s+=i*1.5/(i+1);printf "%.6f\\n",s}'`, quick: true },
];
