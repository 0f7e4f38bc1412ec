import { closeSync, openSync, readSync, writeSync } from 'fs';
import { Client, Query } from 'pg';

/**
 * COPY … TO STDOUT / FROM STDIN over node-postgres without another package: a Query whose copy-data handlers write
 * the server's chunks to a file, or send a file's bytes to the server. (node-postgres routes CopyData and
 * CopyInResponse messages to the active query; its own Query drops the one and refuses the other.)
 */
interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

class CopyOutToFile extends Query {
  constructor(
    text: string,
    private readonly fd: number,
  ) {
    super(text);
  }
  handleCopyData(msg: { chunk: Buffer }): void {
    writeSync(this.fd, msg.chunk);
  }
}

class CopyInFromFile extends Query {
  constructor(
    text: string,
    private readonly file: string,
  ) {
    super(text);
  }
  handleCopyInResponse(connection: CopyConnection): void {
    const fd = openSync(this.file, 'r');
    const buf = Buffer.alloc(1 << 20);
    try {
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        connection.sendCopyFromChunk(Buffer.from(buf.subarray(0, n)));
      }
      connection.endCopyFrom();
    } catch (err) {
      connection.sendCopyFail(`could not read ${this.file}: ${(err as Error).message}`);
    } finally {
      closeSync(fd);
    }
  }
}

function run(client: Client, query: Query): Promise<number> {
  return new Promise((ok, fail) => {
    query.on('error', fail);
    query.on('end', (result: { rowCount: number | null }) => ok(result?.rowCount ?? 0));
    client.query(query);
  });
}

/** `COPY <source> TO STDOUT` into `file`; returns the row count. */
export async function copyOut(client: Client, source: string, file: string): Promise<number> {
  const fd = openSync(file, 'w');
  try {
    return await run(client, new CopyOutToFile(`COPY ${source} TO STDOUT`, fd));
  } finally {
    closeSync(fd);
  }
}

/** `COPY <target> FROM STDIN` from `file`; returns the row count. */
export function copyIn(client: Client, target: string, file: string): Promise<number> {
  return run(client, new CopyInFromFile(`COPY ${target} FROM STDIN`, file));
}
