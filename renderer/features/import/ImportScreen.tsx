// Impor: every way a TPS result reaches the PPK laptop — Kabel/USB (drives and file picker), QR (camera and
// pictures), LAN (the receiver for KPPS phones) and Entri manual (double entry from paper). All of them end in the
// same import service, so outcomes read the same everywhere: diterima, duplikat, konflik, ditolak.
import { useState } from 'react';
import { Tabs } from '../../ui';
import { DrivesPanel } from './DrivesPanel';
import { QrPanel } from './QrPanel';
import { LanPanel } from './LanPanel';
import { ManualPanel } from './ManualPanel';
import './import.css';

export default function ImportScreen() {
  const [tab, setTab] = useState('kabel');
  return (
    <div className="stack import-screen">
      <h1>Impor hasil TPS</h1>
      <Tabs
        label="Cara impor"
        value={tab}
        onChange={setTab}
        items={[
          { id: 'kabel', label: 'Kabel/USB', content: <DrivesPanel /> },
          { id: 'qr', label: 'QR', content: <QrPanel /> },
          { id: 'lan', label: 'LAN', content: <LanPanel /> },
          { id: 'manual', label: 'Entri manual', content: <ManualPanel /> },
        ]}
      />
    </div>
  );
}
