import { fileURLToPath } from 'node:url';

/** The repository root, found from this file rather than the working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_GUEST_DIR = `${REPO_ROOT}public/guest`;
