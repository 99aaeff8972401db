/**
 * The terminal as the guest's SCLP VT220 console, the way `qemu-system-s390x -nographic`
 * wires it: stdin in raw mode when it is a TTY (so that the guest's shell does the line
 * editing), Ctrl-A as the escape key: Ctrl-A x quits, Ctrl-A h prints help, Ctrl-A
 * Ctrl-A sends one Ctrl-A to the guest.
 */
const CTRL_A = 0x01;

export const ESCAPE_HELP = [
  'C-a h    print this help',
  'C-a x    exit emulator',
  'C-a s    (not supported: no block-device commit)',
  'C-a C-a  sends C-a',
  '',
].join('\r\n');

export interface ConsoleSink {
  /** Bytes for the guest (keystrokes). */
  input(bytes: Uint8Array): void;
  /** Ctrl-A x. */
  quit(): void;
  /** Text for the user (help), not for the guest. */
  message(text: string): void;
}

/** Splits keystrokes into guest bytes and escape commands; the state survives chunk boundaries. */
export class EscapeParser {
  private escaped = false;
  constructor(private readonly sink: ConsoleSink) {}

  feed(chunk: Uint8Array): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.escaped) {
        this.escaped = false;
        start = i + 1;
        switch (b) {
          case 0x78: case 0x58: // x
            this.sink.quit();
            return;
          case 0x68: case 0x48: case 0x3f: // h ?
            this.sink.message(ESCAPE_HELP);
            break;
          case CTRL_A:
            this.sink.input(Uint8Array.of(CTRL_A));
            break;
          default:
            // QEMU ignores unknown escapes.
        }
        continue;
      }
      if (b === CTRL_A) {
        if (i > start) this.sink.input(chunk.subarray(start, i));
        this.escaped = true;
        start = i + 1;
      }
    }
    if (start < chunk.length && !this.escaped) this.sink.input(chunk.subarray(start));
  }
}

export interface StdioConsole {
  write(bytes: Uint8Array): void;
  close(): void;
}

/** Connects process stdin/stdout to the machine; returns the guest-output writer and a closer. */
export function attachStdio(sink: ConsoleSink): StdioConsole {
  const stdin = process.stdin;
  const tty = stdin.isTTY === true;
  if (tty) stdin.setRawMode(true);
  const parser = new EscapeParser(sink);
  const onData = (d: Buffer) => parser.feed(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
  stdin.on('data', onData);
  stdin.resume();
  return {
    write: (bytes) => { process.stdout.write(bytes); },
    close: () => {
      stdin.off('data', onData);
      if (tty) stdin.setRawMode(false);
      stdin.pause();
      stdin.unref?.();
    },
  };
}
