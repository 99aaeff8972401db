/* Files, directories, descriptors, pipes and fork/exec/wait inside a scratch directory
   given as argv[1] (output never shows the directory, so runs compare byte for byte). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  if (argc < 2 || chdir(argv[1]) != 0) { printf("need a scratch dir\n"); return 2; }
  int fd = open("a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  for (int k = 0; k < 100; k++) dprintf(fd, "line %03d\n", k);
  close(fd);
  struct stat st;
  stat("a.txt", &st);
  printf("size %lld reg %d mode %o\n", (long long)st.st_size, S_ISREG(st.st_mode), st.st_mode & 0777);
  fd = open("a.txt", O_RDONLY);
  char buf[64];
  lseek(fd, 9 * 50, SEEK_SET);
  ssize_t n = read(fd, buf, 9);
  printf("read %zd: %.8s at %lld\n", n, buf, (long long)lseek(fd, 0, SEEK_CUR));
  n = pread(fd, buf, 9, 9 * 99);
  printf("pread %.8s end %lld\n", buf, (long long)lseek(fd, 0, SEEK_END));
  int fd2 = dup(fd);
  lseek(fd2, 0, SEEK_SET);
  printf("shared offset %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  close(fd); close(fd2);
  mkdir("sub", 0755);
  for (int k = 0; k < 5; k++) { char nm[32]; snprintf(nm, sizeof nm, "sub/f%d", 4 - k); close(open(nm, O_CREAT | O_WRONLY, 0600)); }
  rename("sub/f0", "sub/zz");
  unlink("sub/f3");
  DIR *d = opendir("sub");
  char *names[16]; int cnt = 0;
  struct dirent *e;
  while ((e = readdir(d)) && cnt < 16) names[cnt++] = strdup(e->d_name);
  closedir(d);
  qsort(names, (size_t)cnt, sizeof names[0], cmp);
  for (int k = 0; k < cnt; k++) printf("%s ", names[k]);
  printf("\n");
  printf("open missing: %d errno %d\n", open("nope", O_RDONLY), errno);
  printf("rmdir nonempty: %d errno %d\n", rmdir("sub"), errno);
  int p[2];
  pipe(p);
  pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    for (int k = 0; k < 3; k++) dprintf(p[1], "child says %d\n", k);
    _exit(7);
  }
  close(p[1]);
  char rb[256]; ssize_t got = 0, r;
  while ((r = read(p[0], rb + got, sizeof rb - 1 - (size_t)got)) > 0) got += r;
  rb[got] = 0;
  int status;
  pid_t w = waitpid(pid, &status, 0);
  printf("%sexit %d same pid %d\n", rb, WEXITSTATUS(status), w == pid);
  pid = fork();
  if (pid == 0) _exit(getppid() > 0 ? 3 : 4);
  waitpid(-1, &status, 0);
  printf("second child %d, no more children %d\n", WEXITSTATUS(status), waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD);
  char cwd[512];
  printf("getcwd ok %d\n", getcwd(cwd, sizeof cwd) != 0);
  return 0;
}
