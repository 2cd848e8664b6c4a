// The audit chain's state (audit.verify): intact, or the first problems when the file was altered outside the app.
import { useApiQuery } from '../../api/hooks';
import { Button, Card, StatusPill } from '../../ui';

export function AuditChainCard() {
  const verify = useApiQuery('audit.verify', {});
  const v = verify.data;
  return (
    <Card
      title="Rantai audit"
      aside={
        <Button size="sm" onClick={verify.reload} busy={verify.loading}>
          Periksa ulang
        </Button>
      }
    >
      {v ? (
        v.ok ? (
          <div className="row" data-testid="audit-verify">
            <StatusPill tone="ok">Utuh</StatusPill>
            <span>
              {v.entries} entri dan {v.rows} baris data cocok dengan rantai hash. Hash terakhir{' '}
              <span className="hash">{v.head.slice(0, 16)}…</span>
            </span>
          </div>
        ) : (
          <div className="stack" data-testid="audit-verify">
            <div className="row">
              <StatusPill tone="danger">Rusak</StatusPill>
              <strong>Berkas basis data diubah di luar aplikasi ({v.problems.length} masalah).</strong>
            </div>
            <ul>
              {v.problems.slice(0, 20).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </div>
        )
      ) : (
        <span className="muted">{verify.error ? verify.error.message : 'Memeriksa rantai…'}</span>
      )}
    </Card>
  );
}
