// The verifiable PDF: identical data → identical bytes; pleno's verifier accepts an issued document and names what
// was altered when the embedded data, a page's content or the signature is changed (real bytes of the PDF).
import { shortHash } from '../../../../../shared/documents/frame';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sampleDHasil, sampleKejadian } from '../../../../../shared/documents/sample-data';
import type { DocumentData } from '../../../../../shared/documents/types';
import { generateKeyPair, signBytes } from '../../crypto';
import { buildSignedPdf, signerFingerprint, type DocumentSigner } from './signed-pdf';
import { verifyPdf } from './verify-pdf';
import { renderPdf } from './pdf-renderer';
import { createHash } from 'node:crypto';
import { decodeQrImage } from '../qr/qr-image';

const kp = generateKeyPair();
const signer: DocumentSigner = { publicKey: kp.publicKey, sign: (b) => signBytes(b, kp.privateKey) };
const other = generateKeyPair();
const otherSigner: DocumentSigner = { publicKey: other.publicKey, sign: (b) => signBytes(b, other.privateKey) };

function withSigner<T extends DocumentData>(d: T, s: DocumentSigner = signer): T {
  return { ...d, meta: { ...d.meta, signer: signerFingerprint(s) } };
}

function pdftotext(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pleno-doc-'));
  const f = path.join(dir, 'd.pdf');
  writeFileSync(f, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
}

/** Replaces one object's stream in the PDF and saves it again with pdf-lib (a real edit of the file). */
async function rewrite(bytes: Uint8Array, edit: (doc: PDFDocument) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  edit(doc);
  return doc.save({ useObjectStreams: true });
}

function attachmentStream(doc: PDFDocument): PDFRawStream {
  const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict);
  const arr = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
  const spec = arr.lookup(1, PDFDict);
  return spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F')) as PDFRawStream;
}

function replaceStream(doc: PDFDocument, old: PDFRawStream, content: Uint8Array): void {
  const ref = doc.context.getObjectRef(old)!;
  const dict = old.dict.clone(doc.context);
  dict.set(PDFName.of('Length'), doc.context.obj(content.length));
  doc.context.assign(ref, PDFRawStream.of(dict, content));
}

describe('signed document PDF', () => {
  it('gives identical bytes for identical data and different bytes for a changed number', async () => {
    const data = withSigner(sampleDHasil({ seed: 7 }));
    const a = await buildSignedPdf(data, signer);
    const b = await buildSignedPdf(structuredClone(data), signer);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const changed = structuredClone(data);
    changed.recap.total.suara.paslon[0]! += 1;
    const c = await buildSignedPdf(changed, signer);
    expect(c.dataSha256).not.toBe(a.dataSha256);
    expect(Buffer.from(c.bytes).equals(Buffer.from(a.bytes))).toBe(false);
  });

  it('verifies an issued document and shows its hash, id and version on every page', async () => {
    const data = withSigner(sampleDHasil({ final: true, demo: false }));
    const pdf = await buildSignedPdf(data, signer);
    const v = await verifyPdf(pdf.bytes, { expectedPublicKey: kp.publicKey });
    expect(v.problems).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.info.dataSha256).toBe(pdf.dataSha256);
    const pages = pdftotext(pdf.bytes)
      .split('\f')
      .filter((p) => p.trim().length > 0);
    expect(pages.length).toBe(pdf.pages);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain(`sidik data ${shortHash(pdf.dataSha256)}`);
      expect(page).toContain(`Dokumen ${data.meta.id} · versi 1`);
      expect(page).toContain(`Halaman ${i + 1} dari ${pdf.pages}`);
    }
  });

  it('prints a QR on the page that decodes to the document id, version and data hash', async () => {
    const data = withSigner(sampleKejadian(1));
    const pdf = await buildSignedPdf(data, signer);
    const dir = mkdtempSync(path.join(tmpdir(), 'pleno-qr-'));
    writeFileSync(path.join(dir, 'd.pdf'), pdf.bytes);
    execFileSync('pdftoppm', [
      '-r',
      '150',
      '-png',
      '-singlefile',
      '-f',
      '1',
      '-l',
      '1',
      path.join(dir, 'd.pdf'),
      path.join(dir, 'p'),
    ]);
    const texts = await decodeQrImage(new Uint8Array(readFileSync(path.join(dir, 'p.png'))));
    expect(texts).toEqual([`PLENO-DOC:${data.meta.id}:v1:${pdf.dataSha256}`]);
  });

  it('reports a document signed by another key than the expected PPK key', async () => {
    const pdf = await buildSignedPdf(withSigner(sampleKejadian(2), otherSigner), otherSigner);
    const v = await verifyPdf(pdf.bytes, { expectedPublicKey: kp.publicKey });
    expect(v.valid).toBe(false);
    expect(v.problems.join('\n')).toMatch(/bukan kunci PPK basis data ini/);
  });

  it('detects edited embedded data (signature no longer valid, pages no longer match)', async () => {
    const pdf = await buildSignedPdf(withSigner(sampleDHasil()), signer);
    const total =
      pdf.envelope.payload.meta.kind === 'd-hasil'
        ? (pdf.envelope.payload as ReturnType<typeof sampleDHasil>).recap.total.suara.sah
        : 0;
    const altered = await rewrite(pdf.bytes, (doc) => {
      const s = attachmentStream(doc);
      const json = Buffer.from(decodePDFRawStream(s).decode()).toString('utf8');
      const edited = json.replace(`"sah":${total}`, `"sah":${total + 100}`);
      expect(edited).not.toBe(json);
      replaceStream(doc, s, new Uint8Array(deflateSync(Buffer.from(edited, 'utf8'))));
    });
    const v = await verifyPdf(altered);
    expect(v.valid).toBe(false);
    expect(v.problems.join('\n')).toMatch(/tanda tangan data tidak sah/);
    expect(v.problems.join('\n')).toMatch(/isi halaman .* tidak sesuai/);
  });

  it('detects an altered signature', async () => {
    const pdf = await buildSignedPdf(withSigner(sampleKejadian(3)), signer);
    const altered = await rewrite(pdf.bytes, (doc) => {
      const s = attachmentStream(doc);
      const env = JSON.parse(Buffer.from(decodePDFRawStream(s).decode()).toString('utf8'));
      const sig: string = env.signature.sig;
      env.signature.sig = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
      replaceStream(doc, s, new Uint8Array(deflateSync(Buffer.from(JSON.stringify(env), 'utf8'))));
    });
    const v = await verifyPdf(altered);
    expect(v.valid).toBe(false);
    expect(v.problems.join('\n')).toMatch(/tanda tangan data tidak sah/);
  });

  it('detects a number edited in the content of one page', async () => {
    const data = withSigner(sampleDHasil());
    const pdf = await buildSignedPdf(data, signer);
    const altered = await rewrite(pdf.bytes, (doc) => {
      const page = doc.getPage(1);
      const s = page.node.Contents() as PDFRawStream;
      const ops = Buffer.from(decodePDFRawStream(s).decode()).toString('latin1');
      // Glyph ids of DejaVu Sans Condensed subset: change the last digit glyph of the first number cell.
      const m = /<([0-9A-F]{4,})> Tj ET\n0 G/.exec(ops) ?? /<([0-9A-F]{8,})> Tj/.exec(ops);
      expect(m).not.toBeNull();
      const hex = m![1]!;
      const swapped = hex.slice(0, -4) + (hex.slice(-4) === '0014' ? '0015' : '0014');
      const edited = ops.replace(`<${hex}>`, `<${swapped}>`);
      expect(edited).not.toBe(ops);
      replaceStream(doc, s, new Uint8Array(deflateSync(Buffer.from(edited, 'latin1'))));
    });
    const v = await verifyPdf(altered);
    expect(v.valid).toBe(false);
    expect(v.problems).toEqual([expect.stringMatching(/^isi halaman 2 tidak sesuai dengan data tertanam/)]);
  });

  it('a qpdf re-save is reported as a re-save, never as numbers or text changed; an edit after it still is', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pleno-qpdf-'));
    const original = path.join(dir, 'asli.pdf');
    writeFileSync(original, (await buildSignedPdf(withSigner(sampleDHasil()), signer)).bytes);
    const resave = (opts: string[]) => {
      const out = path.join(dir, `resave${opts.join('')}.pdf`);
      execFileSync('qpdf', [...opts, original, out]); // Debian's qpdf (.ci/run installs it)
      return new Uint8Array(readFileSync(out));
    };
    for (const opts of [[], ['--linearize'], ['--object-streams=generate'], ['--normalize-content=y'], ['--qdf']]) {
      const v = await verifyPdf(resave(opts));
      expect(v.valid, opts.join(' ')).toBe(false);
      expect(v.problems, opts.join(' ')).toEqual([
        expect.stringMatching(
          /^berkas PDF disimpan ulang oleh program lain \(susunan berkas berbeda.*\): angka dan teks setiap halaman sama/,
        ),
      ]);
    }
    // A number edited in a re-spaced page is still an edit of that page.
    const qdf = Buffer.from(resave(['--qdf'])).toString('latin1');
    const m = /<([0-9A-F]{8,})> Tj/.exec(qdf);
    expect(m).not.toBeNull();
    const hex = m![1]!;
    const swapped = hex.slice(0, -4) + (hex.slice(-4) === '0014' ? '0015' : '0014');
    const edited = new Uint8Array(Buffer.from(qdf.replace(`<${hex}>`, `<${swapped}>`), 'latin1'));
    const e = await verifyPdf(edited);
    expect(e.problems).toEqual([
      expect.stringMatching(/^isi halaman 1 tidak sesuai .*angka atau teks pada halaman diubah/),
    ]);
  });

  it('detects a byte changed outside the pages (metadata) and rejects a non-Pleno PDF', async () => {
    const pdf = await buildSignedPdf(withSigner(sampleKejadian(0)), signer);
    const altered = await rewrite(pdf.bytes, (doc) => doc.setAuthor('Orang Lain'));
    const v = await verifyPdf(altered);
    expect(v.valid).toBe(false);
    expect(v.problems).toEqual(['metadata berkas PDF diubah (Author); isi halaman dan data bertanda tangan sama']);
    const plain = await PDFDocument.create();
    plain.addPage();
    const w = await verifyPdf(await plain.save());
    expect(w.valid).toBe(false);
    expect(w.problems[0]).toMatch(/bukan dokumen Pleno/);
  });

  it('still draws and verifies documents of the previous layout (pleno-layout/1) byte for byte', async () => {
    // Golden SHA-256 of these PDFs as drawn by the code before layout 2 existed (commit afe0a1b): layout 1's values in
    // shared/documents/layout-v1/ must keep giving exactly those bytes, or older documents stop verifying.
    const golden = {
      'd-hasil': 'ccd3c201a93a2ecec305449abd8b8442ea62dd51c8151f2529e00ac9f6cefd65',
      'kejadian-khusus': '6d2502f2654940e895cca94acf522865e4f2984812ae6cb53765a6e01c3bb2ab',
    };
    for (const data of [sampleDHasil({ seed: 3, desa: 3, tpsPerDesa: 4 }), sampleKejadian(5)] as DocumentData[]) {
      data.meta.layout = 'pleno-layout/1';
      data.format = 'pleno.document/1';
      if ('lampiran' in data) for (const d of data.lampiran) for (const t of d.tps) delete t.sumber;
      const out = await renderPdf({
        data,
        dataSha256: 'ab'.repeat(32),
        envelopeBytes: new TextEncoder().encode('{"x":1}'),
      });
      expect(createHash('sha256').update(out.bytes).digest('hex')).toBe(golden[data.meta.kind]);
      const signed = await buildSignedPdf(withSigner(data), signer);
      expect(await verifyPdf(signed.bytes)).toMatchObject({ valid: true, problems: [] });
      expect(pdftotext(signed.bytes)).toContain('SHA-256 data:'); // the old footer
    }
  });
});
