/** The 8D report as structured data (laid out by reports/render-html.ts and render-pdf.ts). */
import type { CorrectiveActionStatus } from '../../domain/corrective-action-contract';
import type { Label } from '../../domain/labels';
import type { Language } from '../../domain/registration';
import type { ReportSectionId } from '../templates';

/** A block of a section. */
export type ReportBlock =
  | { kind: 'fields'; rows: Array<{ label: string; value: string }> }
  | { kind: 'table'; caption?: string; columns: Array<{ label: string; weight: number }>; rows: string[][] }
  | { kind: 'list'; caption?: string; items: string[] };

/** One section: a discipline, the preliminary report, the verification, the history. */
export interface ReportSection {
  id: ReportSectionId;
  heading: string;
  /** Round, who submitted and approved it, when. */
  meta?: string;
  blocks: ReportBlock[];
}

/** The report, ready to lay out. */
export interface EightDReport {
  language: Language;
  title: string;
  carNumber: string;
  complaintNumber: string;
  round: number;
  header: Array<{ label: string; value: string }>;
  sections: ReportSection[];
  /** A line for the foot of every page. */
  footer: string;
  /** The customer whose template was applied. */
  template?: string;
}

/** What the report is made from: the corrective action as it closed and the complaint's facts. */
export interface ReportFacts {
  status: CorrectiveActionStatus;
  complaint: {
    number: string;
    customer: string;
    product: string;
    serialNumber?: string | null;
    batchNumber?: string | null;
    language: Language;
  };
  profile: { id: string; name: Label };
  generatedAt: Date;
  /** The company's zone: instants are shown as dates there. */
  timeZone: string;
}
