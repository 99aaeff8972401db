import { bannerLines, summarizeManifest, type GuestSummary } from './banner.ts';
import { openConsole } from './terminal.ts';
import './style.css';

async function loadGuestSummary(): Promise<GuestSummary | undefined> {
  try {
    const res = await fetch(new URL('guest/manifest.json', document.baseURI));
    return res.ok ? summarizeManifest(await res.json()) : undefined;
  } catch {
    return undefined;
  }
}

const container = document.getElementById('terminal');
if (!container) throw new Error('index.html has no #terminal element');
const tty = openConsole(container);
for (const line of bannerLines(await loadGuestSummary())) tty.println(line);
