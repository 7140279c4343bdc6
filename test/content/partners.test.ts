import { expect } from 'chai';
import { loadPartners, partnersFor, validatePartners } from '../../content/partners/index.ts';

describe('Partner directory', () => {
  it('loads the sample directory, every entry marked sample and reachable', () => {
    const partners = loadPartners();
    expect(partners.length).to.be.at.least(5);
    for (const p of partners) expect(p.sample).to.equal(true);
  });

  it('finds partners by service and region', () => {
    const partners = loadPartners();
    expect(partnersFor(partners, 'employment', 'Piura').map((p) => p.id)).to.include('sunafil');
    expect(partnersFor(partners, 'education').map((p) => p.id)).to.include('unicef');
  });

  it('rejects a broken entry with a message naming it', () => {
    const base = { id: 'xy', name: 'XY', services: ['health'], regions: ['*'], contact: { website: 'https://x.example' }, howToRefer: { es: 'así', en: 'so.' }, sample: true };
    expect(() => validatePartners({ partners: [{ ...base, services: ['food'] }] })).to.throw(/partners\.0\.services\.0/);
    expect(() => validatePartners({ partners: [base, base] })).to.throw(/"xy" is used twice/);
    expect(() => validatePartners({ partners: [{ ...base, contact: {} }] })).to.throw(/needs a website, e-mail or phone/);
  });
});
