// Host-side backends the device models talk to. The machine (Node) and browser packages
// implement these; device models never touch files, sockets or terminals themselves.

/** A disk. Offsets and lengths are in bytes and always multiples of 512. */
export interface BlockBackend {
  /** Size in bytes (a multiple of 512). */
  readonly size: number;
  readonly readOnly?: boolean;
  /** Fill `dst` with the bytes at `offset`. */
  read(offset: number, dst: Uint8Array): Promise<void>;
  /** Store `src` at `offset`. */
  write(offset: number, src: Uint8Array): Promise<void>;
  flush(): Promise<void>;
  /** Up to 20 bytes of device identification (VIRTIO_BLK_T_GET_ID), optional. */
  readonly serial?: string;
}

/** An ethernet port. */
export interface NetBackend {
  /** A frame the guest transmitted (without virtio-net header). */
  send(frame: Uint8Array): void;
  /** The device registers here to be given received frames. */
  onReceive(deliver: (frame: Uint8Array) => void): void;
}

/** A character stream (SCLP consoles, virtio-console). */
export interface ConsoleBackend {
  /** Bytes the guest wrote. */
  write(bytes: Uint8Array): void;
}

/** A source of random bytes (virtio-rng). */
export interface EntropyBackend {
  /** Fill `dst` with random bytes. */
  fill(dst: Uint8Array): void;
}
