import { acceptedType } from './file-types';

describe('accepted file types', () => {
  const pdf = Buffer.from('%PDF-1.7\n…');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
  const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]);
  const zip = (part: string) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from(`${part}document.xml`)]);

  it('takes a file whose content matches its extension', () => {
    expect(acceptedType('报告.pdf', pdf)).toBe('application/pdf');
    expect(acceptedType('scan.PNG', png)).toBe('image/png');
    expect(acceptedType('photo.jpeg', jpg)).toBe('image/jpeg');
    expect(acceptedType('photo.jpg', jpg)).toBe('image/jpeg');
    expect(acceptedType('book.xlsx', zip('xl/'))).toContain('spreadsheetml');
    expect(acceptedType('letter.docx', zip('word/'))).toContain('wordprocessingml');
  });

  it('refuses other extensions, and content that is not what the extension says', () => {
    expect(acceptedType('notes.txt', Buffer.from('hello'))).toBeNull();
    expect(acceptedType('noext', pdf)).toBeNull();
    expect(acceptedType('setup.pdf', Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(acceptedType('photo.png', jpg)).toBeNull();
    expect(acceptedType('letter.docx', zip('xl/'))).toBeNull();
    expect(acceptedType('old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).toBeNull();
  });
});
