import http from "node:http"
import net from "node:net"
import type { AddressInfo } from "node:net"

/** A tiny forward proxy on 127.0.0.1 that counts what passes through it (tests of proxy rotation). */
export interface ForwardProxy {
  /** `http://127.0.0.1:<port>`, to put in `LINER_PROXY_URLS`. */
  readonly url: string
  /** Targets seen, in order: absolute URLs for plain HTTP, `host:port` for CONNECT tunnels. */
  readonly targets: ReadonlyArray<string>
  readonly close: () => Promise<void>
}

/**
 * Answers both ways a client may use an HTTP proxy: a request with an absolute URI (plain HTTP
 * targets) is forwarded as is; `CONNECT host:port` opens a raw tunnel (HTTPS, or clients that
 * tunnel everything).
 */
export const startForwardProxy = async (): Promise<ForwardProxy> => {
  const targets: Array<string> = []
  const sockets = new Set<net.Socket>()

  const server = http.createServer((req, res) => {
    const target = req.url ?? ""
    targets.push(target)
    let url: URL
    try {
      url = new URL(target)
    } catch {
      res.writeHead(400).end("absolute URI expected")
      return
    }
    const upstream = http.request(
      {
        host: url.hostname,
        port: url.port === "" ? 80 : Number(url.port),
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers: { ...req.headers, "x-forwarded-by": "testkit-proxy" }
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  })

  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? ""
    targets.push(target)
    const [host, port] = target.split(":")
    const upstream = net.connect(Number(port ?? 443), host ?? "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n")
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on("close", () => sockets.delete(upstream))
    upstream.on("error", () => client.destroy())
    client.on("error", () => upstream.destroy())
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
