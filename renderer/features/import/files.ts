// Reading picked files for the contract (base64 over JSON): chunked so that a 20 MiB bundle does not blow the stack.

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** Importable by the Kabel/USB path. */
export function isImportable(name: string): boolean {
  return /\.(pleno|json|png|jpe?g)$/i.test(name);
}
