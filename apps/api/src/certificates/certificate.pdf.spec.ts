import { certificateWording, type CertificateContent } from './certificate.pdf';

const content = (firstDay: string, lastDay: string): CertificateContent => ({
  serial: 'WT-2026-000001',
  holderName: '陈结业',
  eventTitle: '小微企业财税实务',
  organizationName: '衡阳高新区创业服务中心',
  firstDay,
  lastDay,
  hours: 4,
  issuedOn: '2026-11-24',
  verifyUrl: 'https://wutong.example/certificates/check/x',
});

describe('certificate wording', () => {
  it('names one date for a one-day event, not "from that day to that day"', () => {
    const w = certificateWording(content('2026-11-23', '2026-11-23'));
    expect(w.zh).toContain('于 2026年11月23日参加');
    expect(w.zh).not.toContain('至');
    expect(w.en).toContain('(4 learning hours, 2026-11-23)');
  });

  it('names the range for an event over several days', () => {
    const w = certificateWording(content('2026-11-03', '2026-11-24'));
    expect(w.zh).toContain('于 2026年11月3日至2026年11月24日参加');
    expect(w.en).toContain('2026-11-03 – 2026-11-24');
  });
});
