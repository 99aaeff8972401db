/**
 * The text files the builder puts into the guest. They live here, apart from the
 * code that packs them, because their content is part of the recipe hash: editing
 * any of them makes the next `pnpm guest` rebuild the image.
 */

export const BANNER = 'ztab guest ready';

/** Modules the guest needs beyond what Debian builds in (virtio-ccw, SCLP consoles, devtmpfs are built in). */
export const WANTED_MODULES = ['virtio_blk', 'virtio_net', 'virtio_console', 'virtio_rng', 'ext4'] as const;

/** The kernel prints to and reads from the SCLP VT220 console, which Linux calls ttysclp0. */
export const DEFAULT_CMDLINE = 'console=ttysclp0';

/**
 * /init runs as PID 1 straight from the initramfs. It prepares the system, then
 * hands PID 1 to busybox init so that `poweroff` and `reboot` work as usual.
 */
export const INIT_SCRIPT = `#!/bin/busybox sh
/bin/busybox --install -s
export PATH=/sbin:/usr/sbin:/bin:/usr/bin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /tmp

# The list is in dependency order, worked out when the image was built.
release=$(uname -r)
while read -r ko; do
  insmod "/lib/modules/$release/$ko" || echo "ztab: could not load $ko"
done < /etc/ztab/modules

hostname -F /etc/hostname

# virtio-blk disks show up as their modules load; give them a moment.
for _ in 1 2 3 4 5 6 7 8 9 10; do
  [ -b /dev/vda ] && break
  sleep 0.1
done
if [ -b /dev/vda ] && mount -t ext4 /dev/vda /mnt 2>/dev/null; then
  echo "ztab: /dev/vda is mounted on /mnt"
fi

echo
echo "${BANNER} (Linux $release $(uname -m))"
exec /sbin/init
`;

/**
 * busybox init runs the shell on the console. cttyhack reopens the real console
 * device (ttysclp0 here), because /dev/console cannot be a controlling terminal
 * and the shell would otherwise run without job control or Ctrl-C.
 */
export const INITTAB = `::respawn:/bin/cttyhack /bin/sh -l
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/umount -a -r 2>/dev/null
`;

// Not \w: static busybox cannot read /etc/passwd through glibc's NSS, so it never
// learns root's home directory and would print /root rather than ~.
export const PROFILE = `export HOME=/root
export PS1='\${PWD/\$HOME/\\~} \\$ '
cd "$HOME"
`;

export const HOSTNAME = 'ztab\n';
export const PASSWD = 'root::0:0:root:/root:/bin/sh\n';
export const GROUP = 'root:x:0:\n';

/** The data disk: a small ext4 file system with something to find on it. */
export const DATA_DISK_SIZE_KIB = 4096;
export const DATA_DISK_LABEL = 'ztab-data';
export const DATA_DISK_FILES: Record<string, string> = {
  'hello.txt': 'Hello from the ztab data disk.\n',
};
