// Listening as a promise: resolves once the server accepts connections, rejects with the listen error (EADDRINUSE,
// EACCES) instead of leaving it to the server's running error handler. Shared by the LAN receiver and `pleno serve`.
import type { Server } from 'node:http';

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
