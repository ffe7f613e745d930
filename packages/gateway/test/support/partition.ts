import { createConnection, createServer, type Socket } from 'node:net';

/** A TCP relay to a server that can be cut off as a network partition cuts it off. */
export interface Partition {
  /** Port of the relay on 127.0.0.1. */
  port: number;
  /**
   * Cuts the link: nothing passes either way on open connections, and new connections are
   * accepted but lead nowhere — no error, no reset, only silence (a dropped route, a firewall).
   */
  cut(): void;
  /** Restores the link: the bytes held meanwhile pass on, new connections reach the server. */
  heal(): void;
  close(): Promise<void>;
}

/** One relayed connection: bytes each way go through a gate that holds them while the link is cut. */
interface Link {
  client: Socket;
  upstream: Socket | null;
  toServer: Buffer[];
  toClient: Buffer[];
}

/** Starts a relay on 127.0.0.1 (a free port) to `127.0.0.1:targetPort`. */
export async function startPartition(targetPort: number): Promise<Partition> {
  let isCut = false;
  const links = new Set<Link>();
  const end = (link: Link) => {
    link.client.destroy();
    link.upstream?.destroy();
    links.delete(link);
  };
  const flush = (link: Link) => {
    if (isCut || link.upstream === null) return;
    for (const b of link.toServer.splice(0)) link.upstream.write(b);
    for (const b of link.toClient.splice(0)) link.client.write(b);
  };
  const connect = (link: Link) => {
    const upstream = createConnection(targetPort, '127.0.0.1');
    link.upstream = upstream;
    upstream.on('data', (b: Buffer) => {
      link.toClient.push(b);
      flush(link);
    });
    upstream.on('error', () => end(link));
    upstream.on('close', () => end(link));
    upstream.on('connect', () => flush(link));
  };
  const server = createServer((client) => {
    const link: Link = { client, upstream: null, toServer: [], toClient: [] };
    links.add(link);
    client.on('data', (b: Buffer) => {
      link.toServer.push(b);
      flush(link);
    });
    client.on('error', () => end(link));
    client.on('close', () => end(link));
    // Accepted either way; while the link is cut it leads nowhere until healed.
    if (!isCut) connect(link);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      isCut = true;
    },
    heal() {
      isCut = false;
      for (const link of links) {
        if (link.upstream === null) connect(link);
        else flush(link);
      }
    },
    async close() {
      for (const link of links) end(link);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
