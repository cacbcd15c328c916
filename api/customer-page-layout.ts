/**
 * What every page of the customer's (status, questions, refusals) is made of: one small stylesheet inline, no
 * scripts, no external assets, readable on a phone; and the per-key request limit in front of them.
 */
import type { Language } from '../domain/registration';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d2433;background:#f4f6f9}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
section{background:#fff;border-radius:.5rem;padding:1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
dl{margin:0}
dt{font-size:.85rem;color:#5a6478;margin-top:.75rem}
dt:first-child{margin-top:0}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
ul{list-style:none;margin:0;padding:0}
li{padding:.6rem 0;border-top:1px solid #e3e7ee;overflow-wrap:anywhere}
li:first-child{border-top:0}
time{display:block;font-size:.85rem;color:#5a6478}
.note{color:#8a5a00}
footer{font-size:.85rem;color:#5a6478;margin-top:1.5rem}
form{margin:0}
label{display:block;font-size:.9rem;margin:.75rem 0 .25rem}
textarea,input[type=text]{width:100%;font:inherit;padding:.5rem;border:1px solid #b8c0cc;border-radius:.375rem}
textarea{min-height:5rem}
fieldset{border:0;padding:0;margin:.75rem 0 0}
fieldset label{display:inline-block;margin:.25rem .75rem .25rem 0}
button{font:inherit;font-weight:600;border:0;border-radius:.375rem;padding:.7rem 1rem;margin:.75rem .5rem 0 0;background:#1d5fd1;color:#fff;min-width:8rem}
button.secondary{background:#e3e7ee;color:#1d2433}
.error{color:#b00020;font-weight:600}
.error p{margin:0 0 .25rem}
.error li{border-top:0;padding:.15rem 0}
[aria-invalid=true]{border:2px solid #b00020;border-radius:.375rem}
.ok{color:#0a6b2d;font-weight:600}
`;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(language: Language, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex, nofollow">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${body}</main></body></html>`
  );
}

/** The one page for every link that does not open a complaint: no data of any complaint on it. */
export function refusalPage(): string {
  return page(
    'zh-CN',
    '此链接无效或已过期 / This link is not valid or has expired',
    `<section><h1>此链接无效或已过期</h1><p>请使用我们最近一封邮件中的链接，或联系客服。</p></section>` +
      `<section lang="en" style="margin-top:1rem"><h1>This link is not valid or has expired</h1>` +
      `<p>Please use the link in our latest email, or contact customer service.</p></section>`,
  );
}

export function unavailablePage(): string {
  return page(
    'zh-CN',
    '暂时无法显示 / Temporarily unavailable',
    `<section><h1>页面暂时无法显示</h1><p>请稍后再试。</p></section>` +
      `<section lang="en" style="margin-top:1rem"><h1>This page is temporarily unavailable</h1>` +
      `<p>Please try again later.</p></section>`,
  );
}

export function tooManyPage(): string {
  return page(
    'zh-CN',
    '请求过于频繁 / Too many requests',
    `<section><h1>请求过于频繁</h1><p>请一分钟后再试。</p></section>` +
      `<section lang="en" style="margin-top:1rem"><h1>Too many requests</h1>` +
      `<p>Please try again in a minute.</p></section>`,
  );
}

/**
 * At most `perMinute` requests per key in a fixed one-minute window. Hand-written, like the API's
 * authentication limit (api/hygiene.ts): two keys per request (the token and the client address), both
 * counted, and expired windows dropped once the map grows large.
 */
export function createWindowLimiter(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts a request of `key`; the seconds to wait when it is over the limit, else 0. */
    hit(key: string): number {
      const at = now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= at) windows.delete(k);
      const current = windows.get(key);
      if (!current || current.resetAt <= at) {
        windows.set(key, { count: 1, resetAt: at + 60_000 });
        return 0;
      }
      current.count += 1;
      return current.count > perMinute ? Math.ceil((current.resetAt - at) / 1000) : 0;
    },
  };
}
