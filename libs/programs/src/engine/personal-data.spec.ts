import { JingpinPayloadDto } from '../jingpin/jingpin.dto';
import { RendingEnterprisePayloadDto } from '../rending/rending.dto';
import {
  IdNumberField,
  mapPersonalData,
  maskPersonalData,
  NestedField,
  personalDataPaths,
  PhoneField,
  TextField,
} from './dto-fields';

class ContactDto {
  @TextField({ zh: '姓名', en: 'Name' }, 50)
  name: string;
  @PhoneField({ zh: '电话', en: 'Phone' })
  mobile: string;
}

/** What a new program gets for free: the marked fields are found wherever they sit. */
class NewProgramPayloadDto {
  @IdNumberField({ zh: '法人身份证号', en: 'ID number of the legal representative' })
  legalRepresentativeId: string;
  @NestedField({ zh: '联系人', en: 'Contact' }, () => ContactDto)
  contact: ContactDto;
}

describe('personal data fields', () => {
  it('are found in nested objects and lists', () => {
    expect(personalDataPaths(JingpinPayloadDto)).toEqual([
      { path: ['creators', '*', 'idNumber'], kind: 'id-number' },
      { path: ['creators', '*', 'phone'], kind: 'phone' },
    ]);
    expect(personalDataPaths(NewProgramPayloadDto)).toEqual([
      { path: ['legalRepresentativeId'], kind: 'id-number' },
      { path: ['contact', 'mobile'], kind: 'phone' },
    ]);
    expect(personalDataPaths(RendingEnterprisePayloadDto)).toEqual([]);
  });

  it('are mapped without touching anything else or the input', () => {
    const payload = { creators: [{ name: 'a', idNumber: 'x' }, { name: 'b' }, null], workTitle: 'x' };
    const out = mapPersonalData(payload, personalDataPaths(JingpinPayloadDto), (v, kind) => `${kind}(${v})`);
    expect(out).toEqual({ creators: [{ name: 'a', idNumber: 'id-number(x)' }, { name: 'b' }, null], workTitle: 'x' });
    expect(payload.creators[0]).toEqual({ name: 'a', idNumber: 'x' });
  });

  it('are masked keeping the first three and last four characters', () => {
    expect(maskPersonalData('110105199001011234', 'id-number')).toBe('110105********1234');
    expect(maskPersonalData('13912345678', 'phone')).toBe('139****5678');
    expect(maskPersonalData('1234567', 'phone')).toBe('*******');
  });
});
