import type http from "node:http"

/**
 * Closes a fake server at once: the answers it holds back on purpose (hangs) are cut, keep-alive
 * connections dropped, and the promise settles when the server has stopped listening.
 */
export const closeServer = (server: http.Server, heldBack: Iterable<http.ServerResponse> = []): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    for (const res of heldBack) res.destroy()
    server.closeAllConnections()
    server.close((error) => (error ? reject(error) : resolve()))
  })
