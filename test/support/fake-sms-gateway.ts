import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake gateway received. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake gateway answers, by path. */
const answers: Record<string, { status: number; body: string }> = {
  "/ok": { status: 200, body: '{"code":0}' },
  "/down": { status: 500, body: "gateway overloaded, try later" },
  "/refuse": { status: 400, body: '{"code":41,"msg":"signature not registered"}' },
};

/**
 * An SMS gateway on this machine for the `sms` plugin's tests: it records
 * every request and answers by path — `/ok` 200, `/down` 500, `/refuse` 400,
 * `/flood` 503 with a body that never ends, `/silent` nothing at all.
 */
export async function startFakeSmsGateway() {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (path === "/silent") return;
      if (path === "/flood") {
        res.writeHead(503, { "content-type": "text/plain" });
        const flood = () => {
          while (!res.destroyed && res.write("x".repeat(65_536)));
          if (!res.destroyed) res.once("drain", flood);
        };
        return flood();
      }
      const answer = answers[path] ?? { status: 404, body: "no such path" };
      res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port of this machine nothing listens on (one just closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
