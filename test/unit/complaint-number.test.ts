import { formatComplaintNumber, isComplaintNumber, monthKey } from '../../domain/complaint-number';
import { complaintWorkflowId } from '../../domain/complaint-contract';

test('the month follows the company time zone', () => {
  const instant = new Date('2026-11-30T17:00:00Z');
  expect(monthKey(instant, 'UTC')).toBe('202611');
  expect(monthKey(instant, 'Asia/Shanghai')).toBe('202612');
});

test('numbers are YYYYMM-NNN and grow a digit past 999', () => {
  expect(formatComplaintNumber('202611', 7)).toBe('202611-007');
  expect(formatComplaintNumber('202611', 999)).toBe('202611-999');
  expect(formatComplaintNumber('202611', 1000)).toBe('202611-1000');
});

test('number shape and workflow ID', () => {
  expect(isComplaintNumber('202611-001')).toBe(true);
  expect(isComplaintNumber('202611-12345')).toBe(true);
  expect(isComplaintNumber('202611-01')).toBe(false);
  expect(isComplaintNumber('complaint-202611-001')).toBe(false);
  expect(complaintWorkflowId('202611-001')).toBe('complaint-202611-001');
});
