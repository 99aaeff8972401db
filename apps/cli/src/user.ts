/**
 * `ztab --user PROGRAM [ARGS...]`: runs one s390x Linux program without a kernel,
 * the way qemu-s390x does. main.ts loads this module only for --user.
 */
export async function runUser(program: string, args: string[]): Promise<number> {
  void program;
  void args;
  process.stderr.write('ztab: --user is not implemented yet\n');
  return 2;
}
