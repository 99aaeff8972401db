// The page: downloads the default guest with progress, boots it in the machine worker,
// and wires the console, the status bar and the toolbar to it.

import { startMachineWorker, transferBytes, transferring, type DiskInfo, type RemoteMachine, type Status } from '@ztab/browser';
import { bannerLines, summarizeManifest } from './banner.ts';
import { toolbar, type Action } from './controls.ts';
import { downloadGuest, formatBytes, parseManifest, percent, type GuestManifest } from './download.ts';
import { statusBar } from './status-bar.ts';
import { openConsole } from './terminal.ts';
import './style.css';

const $ = <T extends HTMLElement>(sel: string): T => {
  const e = document.querySelector<T>(sel);
  if (!e) throw new Error(`index.html has no ${sel}`);
  return e;
};

const params = new URLSearchParams(location.search);
/** ?boot=0: download and open the disk, but do not start the machine (disk tests, debugging). */
const autoBoot = params.get('boot') !== '0';
const memoryMiB = Math.min(2048, Math.max(64, Number(params.get('mem')) || 256));
/** ?disk=NAME: a separate overlay (tests use their own). */
const diskName = params.get('disk') || 'default';
/** ?guest=DIR/: boot the guest whose manifest.json is in DIR (relative to the page) instead of guest/. */
const guestBase = new URL(params.get('guest') || 'guest/', document.baseURI).href;

const tty = openConsole($('#terminal'));
const status = statusBar($('#status'));
const notice = $('#notice');
const progress = $('#download');
const bar = progress.querySelector('progress')!;
const progressText = progress.querySelector<HTMLElement>('.text')!;

function showNotice(kind: 'error' | 'info', text: string): void {
  notice.dataset.kind = kind;
  notice.querySelector('.text')!.textContent = text;
  notice.hidden = false;
}
notice.querySelector('button')!.addEventListener('click', () => { notice.hidden = true; });

let lastStatus: Status | null = null;
const BOOT_MARKER = '[ztab: booting the guest]';
/** The state shown before a machine reports its own. */
let pageState: Status['state'] = 'loading';
let disk: DiskInfo | null = null;
let api: RemoteMachine | null = null;

const tools = toolbar($('#toolbar'), (a) => act(a).catch((e: unknown) => showNotice('error', `${a}: ${(e as Error).message ?? e}`)));
const refresh = () => tools.update(lastStatus?.state ?? pageState, disk !== null);

async function act(a: Action): Promise<void> {
  if (!api) return;
  switch (a) {
    case 'pause': return api.pause();
    case 'resume': return api.resume();
    case 'reset': return api.reset();
    case 'poweroff': return api.powerOff();
    case 'disk-reset':
      disk = await api.diskReset();
      showNotice('info', 'The data disk is back to its original image.');
      return;
    case 'disk-export': {
      const blob = await api.diskExport();
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `ztab-${diskName}.img`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      return;
    }
    case 'disk-import': {
      const input = $<HTMLInputElement>('#disk-file');
      const file = await new Promise<File | null>((resolve) => {
        input.value = '';
        input.onchange = () => resolve(input.files?.[0] ?? null);
        input.click();
      });
      if (!file) return;
      disk = await api.diskImport(file);
      showNotice('info', `The data disk is now ${file.name} (${formatBytes(file.size)}).`);
      return;
    }
  }
}

async function loadManifest(): Promise<{ raw: unknown; m: GuestManifest | undefined }> {
  try {
    const res = await fetch(new URL('manifest.json', guestBase));
    if (!res.ok) return { raw: undefined, m: undefined };
    const raw: unknown = await res.json();
    return { raw, m: parseManifest(raw) };
  } catch {
    return { raw: undefined, m: undefined };
  }
}

function showProgress(loaded: number, total: number): void {
  const pct = percent({ loaded, total });
  bar.value = pct;
  progress.dataset.percent = String(pct);
  progressText.textContent = pct < 100 ? `guest ${pct}% of ${formatBytes(total)}` : `guest ${formatBytes(total)} ✓`;
}

async function main(): Promise<void> {
  const { raw, m } = await loadManifest();
  for (const line of bannerLines(summarizeManifest(raw))) tty.println(line);
  if (!m) {
    status.phase('stopped', 'no guest to boot');
    progress.hidden = true;
    return;
  }
  const w = await startMachineWorker({
    console: (bytes) => tty.output(bytes),
    status: (s) => {
      // Each boot starts with a marker line, so a reader of the console (a person, a test)
      // can tell this boot's output from the last one's.
      if (s.state === 'booting' && lastStatus?.state !== 'booting') tty.println(`\x1b[2m${BOOT_MARKER}\x1b[0m`);
      lastStatus = s;
      status.show(s);
      refresh();
    },
    notice: (kind, text) => showNotice(kind, text),
  });
  api = w.api;
  tty.onInput((b) => void w.api.input(transferBytes(b)));
  const d = m.files.disk;
  if (d) {
    disk = await w.api.openDisk({ name: diskName, url: new URL(d.path, guestBase).href, size: d.size, baseId: d.sha256 });
    refresh();
  }
  status.phase('loading', 'downloading the guest');
  const files = await downloadGuest(guestBase, m, (p) => showProgress(p.loaded, p.total));
  if (!autoBoot) {
    pageState = 'stopped';
    status.phase(pageState, 'not booted (?boot=0)');
    refresh();
    return;
  }
  const { kernel, initrd } = files;
  const spec = { kernel, ...(initrd ? { initrd } : {}), cmdline: m.cmdline, memoryMiB };
  // The boot files go to the worker without a copy.
  await w.api.boot(transferring(spec, [kernel.buffer as ArrayBuffer, ...(initrd ? [initrd.buffer as ArrayBuffer] : [])]));
}

declare global {
  interface Window {
    /** For tests and the devtools console: the worker's API and the last status. */
    ztab?: {
      api: () => RemoteMachine | null;
      status: () => Status | null;
      disk: () => DiskInfo | null;
      /** The console's text, scrollback included, one line per row. */
      text: () => string;
      ready: Promise<void>;
    };
  }
}

const ready = main().catch((e: unknown) => {
  status.phase('error', (e as Error).message ?? String(e));
  showNotice('error', `ztab could not start: ${(e as Error).message ?? e}`);
});
function consoleText(): string {
  const b = tty.term.buffer.active;
  const rows: string[] = [];
  for (let y = 0; y < b.length; y++) rows.push(b.getLine(y)?.translateToString(true) ?? '');
  return rows.join('\n');
}

window.ztab = { api: () => api, status: () => lastStatus, disk: () => disk, text: consoleText, ready };
