import { loadExampleDossier } from '../../../test/example-dossier';
import { evaluateDossier } from '../evaluation/evaluate-dossier';
import { OcdsReleasePackageSchema } from '../wire/ocds';
import { ocdsReleasePackage, type OcdsContract } from './ocds';

/** The mapping's rules for the payment ledger: a refund, which the API reaches only at a settlement. */
describe('OCDS implementation transactions', () => {
  const dossier = loadExampleDossier();
  const results = evaluateDossier(dossier);
  const winner = results.lots[0].winner!;
  const release = (payments: OcdsContract['payments']) =>
    OcdsReleasePackageSchema.parse(
      ocdsReleasePackage({
        prefix: 'ocds-hcproc',
        publisher: dossier.tender.agency,
        uri: 'http://localhost:3000/api/tenders/1/ocds',
        scoresExtension: 'http://localhost:3000/api/ocds/extensions/scores/extension.json',
        publishedDate: '2024-03-01T08:00:00.000Z',
        status: 'awarded',
        publishScores: false,
        dossier,
        award: { confirmedAt: '2023-01-10T02:00:00.000Z', results },
        contracts: [
          {
            id: 7,
            lotNo: '1',
            year: 2023,
            bidderCode: winner,
            amount: '4553085.70',
            status: 'signed',
            signedAt: '2023-01-20T02:00:00.000Z',
            payments,
          },
        ],
      }),
    ).releases[0];

  it("a refund (the insurer's negative settlement payment) runs from the supplier to the buyer, for its positive amount", () => {
    const r = release([
      { milestoneId: 11, paidOn: '2023-02-28', amount: '4553085.70' },
      { milestoneId: 12, paidOn: '2024-02-15', amount: '-12345.67' },
    ]);
    const buyer = { id: 'buyer', name: dossier.tender.purchaser };
    const supplier = { id: winner, name: dossier.bidders.find((b) => b.code === winner)!.name };
    expect(r.contracts![0].implementation!.transactions).toEqual([
      { id: '11', date: '2023-02-28T00:00:00+08:00', value: { amount: 4553085.7, currency: 'CNY' }, payer: buyer, payee: supplier },
      { id: '12', date: '2024-02-15T00:00:00+08:00', value: { amount: 12345.67, currency: 'CNY' }, payer: supplier, payee: buyer },
    ]);
    // Each side of a payment carries the role of both directions it took.
    expect(r.parties.find((p) => p.id === 'buyer')!.roles).toEqual(['buyer', 'payer', 'payee']);
    expect(r.parties.find((p) => p.id === winner)!.roles).toEqual(['tenderer', 'supplier', 'payee', 'payer']);
  });

  it('a contract with nothing paid has no implementation, and the release no implementation tag', () => {
    const r = release([]);
    expect(r.contracts![0].implementation).toBeUndefined();
    expect(r.tag).toEqual(['award', 'contract']);
  });
});
