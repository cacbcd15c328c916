import { matchEngineer } from '../../domain/engineer-matching';

const engineers = [
  { name: 'Li Na', region: 'East', qualifications: ['general'] },
  { name: 'Wang Lei', region: 'east', qualifications: ['XR-200'] },
  { name: 'Zhao Min', region: 'North', qualifications: ['XR-200', 'general'] },
];

test('003 §2.2.1: the region’s engineer qualified for the model first, else its generalist, else nobody', () => {
  expect(matchEngineer(engineers, 'East', 'XR-200')).toEqual({
    name: 'Wang Lei',
    region: 'east',
    qualification: 'XR-200',
  });
  expect(matchEngineer(engineers, 'east', 'HX-300')).toEqual({
    name: 'Li Na',
    region: 'East',
    qualification: 'general',
  });
  expect(matchEngineer(engineers, 'South', 'XR-200')).toBeUndefined();
  expect(matchEngineer(engineers, undefined, 'XR-200')).toBeUndefined();
});
