// Every layout version keeps drawing the same PDF bytes for the same data: `pleno verify` re-renders an issued
// document's pages from its embedded data and compares them with the file, so a document issued under
// pleno-layout/1, /2 or /3 stops verifying if its layout draws one byte differently. The golden SHA-256 below are of
// the PDFs drawn by main a901a26, before the layouts' code was shared between versions (docs/documents.md): a refactor
// of shared/documents must give exactly these bytes; a deliberate drawing change is a new layout version.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AnyDocumentData, KabKejadianData } from '../../../../../shared/documents/kabko-types';
import {
  sampleDHasil,
  sampleDHasilFull,
  sampleKabDHasil,
  sampleKejadian,
} from '../../../../../shared/documents/sample-data';
import type { DHasilData, DocumentData, LayoutVersion } from '../../../../../shared/documents/types';
import { renderPdf } from './pdf-renderer';

/** A kab/kota D.Kejadian Khusus: the kecamatan sample's entries, placed by kecamatan, one a kab/kota receipt. */
function kabKejadian(entries: number, paper: 'a4' | 'f4' = 'a4', final = false): KabKejadianData {
  const kab = sampleKabDHasil({ paper, final });
  return {
    format: 'pleno.document/2',
    meta: { ...kab.meta, id: 'DKEJADIANKAB-6302-bupati', kind: 'kejadian-kabko' },
    header: kab.header,
    entries: sampleKejadian(entries).entries.map((e, i) => ({
      ...e,
      tempat: `Kecamatan ${['Hampang', 'Pulau Laut Utara', 'Kelumpang Hilir Kepulauan Sembilan Sebuku Timur'][i % 3]}`,
      ...(i % 5 === 4 ? { jenis: 'penerimaan' as const } : {}),
    })),
  };
}

/** The kecamatan documents every layout version draws. */
const KECAMATAN: [string, () => DocumentData][] = [
  ['d-hasil default', () => sampleDHasil()],
  ['d-hasil 30 desa × 14 TPS', () => sampleDHasil({ desa: 30, tpsPerDesa: 14, seed: 4 })],
  [
    'd-hasil final f4 4 paslon reissued',
    () => {
      const d = sampleDHasil({ final: true, demo: false, paper: 'f4', paslon: 4, seed: 5, desa: 12, tpsPerDesa: 9 });
      d.meta.version = 3;
      d.meta.reason = 'Perbaikan nama saksi';
      return d;
    },
  ],
  [
    'd-hasil draft with gaps and broken sums',
    () => sampleDHasil({ seed: 7, desa: 4, tpsPerDesa: 5, paper: 'f4', missingEvery: 6, sahTooHigh: [2, 9] }),
  ],
  ['kejadian nihil', () => sampleKejadian(0)],
  ['kejadian 7 f4 final', () => sampleKejadian(7, { paper: 'f4', final: true, demo: false })],
  ['kejadian 60', () => sampleKejadian(60)],
  ['kejadian 13 f4 4 paslon', () => sampleKejadian(13, { paper: 'f4', paslon: 4 })],
];

/** What only layouts 2 and 3 draw: warnings, holds, attendance, audit head, integrity; the kab/kota documents. */
const LATER: [string, () => AnyDocumentData][] = [
  ['d-hasil everything a4', () => sampleDHasilFull('a4')],
  ['d-hasil everything f4', () => sampleDHasilFull('f4')],
  ['kab d-hasil default', () => sampleKabDHasil()],
  [
    'kab d-hasil f4 final 4 kecamatan, 1 missing',
    () => sampleKabDHasil({ paper: 'f4', final: true, kecamatan: 4, missing: 1 }),
  ],
  ['kab d-hasil 4 paslon 30 desa', () => sampleKabDHasil({ paslon: 4, desa: 30, seed: 9 })],
  ['kab kejadian nihil', () => kabKejadian(0)],
  ['kab kejadian 24 f4 final', () => kabKejadian(24, 'f4', true)],
];

/** `data` as issued under `layout` (a layout-1 D.Hasil: pleno.document/1, without sumber). */
function asLayout(data: AnyDocumentData, layout: LayoutVersion): AnyDocumentData {
  const d = structuredClone(data);
  d.meta.layout = layout;
  if (layout === 'pleno-layout/1' && d.meta.kind === 'd-hasil') {
    const dh = d as DHasilData;
    dh.format = 'pleno.document/1';
    for (const desa of dh.lampiran) for (const t of desa.tps as { sumber?: unknown }[]) delete t.sumber;
  }
  return d;
}

async function pdfSha256(data: AnyDocumentData): Promise<string> {
  const json = JSON.stringify(data);
  const out = await renderPdf({
    data,
    dataSha256: createHash('sha256').update(json).digest('hex'),
    envelopeBytes: new TextEncoder().encode(json),
  });
  return createHash('sha256').update(out.bytes).digest('hex');
}

const CASES: [string, () => AnyDocumentData][] = [
  ...KECAMATAN.map(([name, make]): [string, () => AnyDocumentData] => [
    `v1 ${name}`,
    () => asLayout(make(), 'pleno-layout/1'),
  ]),
  ...(['pleno-layout/2', 'pleno-layout/3'] as const).flatMap((layout) =>
    [...KECAMATAN, ...LATER].map(([name, make]): [string, () => AnyDocumentData] => [
      `v${layout.slice(-1)} ${name}`,
      () => asLayout(make(), layout),
    ]),
  ),
];

/** SHA-256 of each case's PDF as drawn by a901a26. */
const GOLDEN: Record<string, string> = {
  'v1 d-hasil default': 'a5b5684065f0ebe5e21fe975e606b3593810fd400628782eadaf6d9baa73a70c',
  'v1 d-hasil 30 desa × 14 TPS': '84da46767eda15275a5617db46d1b3a3d3180171ba5944f3d02cabbd229e3dcd',
  'v1 d-hasil final f4 4 paslon reissued': 'e4d7ea27d1790a5ed8b3ce02b699f1efa27dc43f5734e3bec1068d7bac9f7312',
  'v1 d-hasil draft with gaps and broken sums': 'ed4963cf94f1ed1eb8f7d5633bdfe6b29ffb8c8ce110516490736a2f54580548',
  'v1 kejadian nihil': '21d42b84ac464f768858aabdae345fe4047d5850f01ec74a829314fb98e518d2',
  'v1 kejadian 7 f4 final': 'cdd79f33a5c785785bb58dbde3de4ffeb46969632d8cd6b3c8759c28b820091a',
  'v1 kejadian 60': 'd2b2d325096192796a66d01cbc5e459a0e8c7c456626d756a0d743b8f0df1bda',
  'v1 kejadian 13 f4 4 paslon': 'c9e1d36b2444ea695d4dab6b8b8cfbc0ab8990b1ca5ec58e38ddc35d1111c5ae',
  'v2 d-hasil default': '4f24d8b1d932e3e8553cfe95d7ec1f0e0748961fc9b6db8179e65b8ba492cf94',
  'v2 d-hasil 30 desa × 14 TPS': 'cf2b0a4ef5f747049c6c0ff86729da0240f1eb1edcfa4b19c6508dee14bb15a3',
  'v2 d-hasil final f4 4 paslon reissued': '80511c35971e2177b320a907c003bc68592800094fd56370254987739d99bb4e',
  'v2 d-hasil draft with gaps and broken sums': '242a073e16ee5d0a495425ba0f99a5a62ba2e5e21610a4a2aa2354a3113b5b4d',
  'v2 kejadian nihil': '76caf897825677ef9f022ff1e6e6cd94ea2edc82b609263072656077f1c209d6',
  'v2 kejadian 7 f4 final': '6cbd5fc26c956aeff3645cbab3b168ee3b1a946ccf9edb91993f751d80ef2e51',
  'v2 kejadian 60': '5a3fa209fa605b73dd75920ddc83089c6aac65b36252796fa5543ca6df2a3594',
  'v2 kejadian 13 f4 4 paslon': '7b2aa42143c5085f248fed0f0e63ac59a7d4d25049a18026ab3fcf7317609669',
  'v2 d-hasil everything a4': '345a3f46c3e9004ce6f8752d930fc8855e373f8a35993b3bd3d390d1827f973a',
  'v2 d-hasil everything f4': '1a5e866d91f509b236507efa6e7b05b98cb302a2cc1c21621f27f4eda0306681',
  'v2 kab d-hasil default': '4691d1248894b056e309efac834fc3bb09eddcc6e233e35971d9951c896e9ad6',
  'v2 kab d-hasil f4 final 4 kecamatan, 1 missing': '42b7c02741a3bea17a2e88852b3f25ae1fe4d5b3a5fd9afdd0a20235dcfd5980',
  'v2 kab d-hasil 4 paslon 30 desa': '185a5d243f804193dad05a293c094486c8fc5904264339a66408234b8cb2a307',
  'v2 kab kejadian nihil': '3ea393152f598deb0998ede9ed917aed2d92580a0b55a57fa68dae25d5920240',
  'v2 kab kejadian 24 f4 final': '550bfe42bd6772476287ac336e044ea9ce5514d7a758f5766a13454d0e3cd251',
  'v3 d-hasil default': 'c24070c3ba427a81e6b9e0a7f772f272b4c4684212c88427fdd99ec9366173b1',
  'v3 d-hasil 30 desa × 14 TPS': 'c923af2c4e1a02b4008639455232313b52961bad9a7cc04977a8d1480efbe475',
  'v3 d-hasil final f4 4 paslon reissued': '15e6d4d1cd312b3d394212d5ed68017fd300242e5b905b4e10f12c9abcd42368',
  'v3 d-hasil draft with gaps and broken sums': 'a417167bbb24cf7779df1353793754a35e2525bde66abffc5d3fadbef2f2e24a',
  'v3 kejadian nihil': 'd1ec350d968c92cf855b22a18292d8bb82fcd64950504f2c197613a1dc936e67',
  'v3 kejadian 7 f4 final': '225ad51a395f85710278eb7035ac7ee3c888193df3dbdd758487af73565d9390',
  'v3 kejadian 60': 'ef69165792e043eb4efbb99286971876de8f1fb01a2eaefd6f01d4d0507a70e9',
  'v3 kejadian 13 f4 4 paslon': '816c3d6400f2a62de64499af884b673d7ecea9cc81f0a448636a517d64bf9f06',
  'v3 d-hasil everything a4': '87f7b4a9e3d36ebf653337875ba1ee9ca174838f63187f68c9b0909c438dfb9f',
  'v3 d-hasil everything f4': '6210037ba1b9deaaeacb1edbd1171a882e9c60a45e84d10d612653e82114e379',
  'v3 kab d-hasil default': 'd2c8fd67f12df186f788225a7d62dccd2ce3b5475b54906a15618d1b7f7b30cd',
  'v3 kab d-hasil f4 final 4 kecamatan, 1 missing': '41d205af063ef34deeecb759fe780ddec89370950cc20821e3dfb3a059cd47ac',
  'v3 kab d-hasil 4 paslon 30 desa': 'ad93ba42ae7c67879534485c5b572b83a2f98d861df39f0957d2841bd2a30bb2',
  'v3 kab kejadian nihil': '145b5f44032f382d91b4ba54510eace48daab61a4113a2f531bc6059f690c512',
  'v3 kab kejadian 24 f4 final': 'f245796cd66a2de5f5b763098e04a255ace3fae8b973a673241af45e097fbcf9',
};

describe('every layout version draws the PDF bytes of a901a26 for the same data', () => {
  it.each(CASES)('%s', async (name, make) => {
    expect(await pdfSha256(make())).toBe(GOLDEN[name]);
  });
});
