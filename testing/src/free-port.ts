import { createServer } from "node:net";

/**
 * A port that was free a moment ago on 127.0.0.1, chosen by the OS. Every server a test starts
 * gets its own: a fixed port lets a stale server from an earlier run answer instead.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("could not read the port the OS picked"));
        return;
      }
      server.close((error) => (error ? reject(error) : resolve(address.port)));
    });
  });
}
