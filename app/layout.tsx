import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SITE_SHARE_IMAGE, siteConfig } from '@/lib/site';
import { sans, serif, serifItalic } from './_fonts/fonts';
import { SiteFooter } from './_components/site-footer';
import { SiteHeader } from './_components/site-header';
import './globals.css';

export const metadata: Metadata = {
  metadataBase: new URL(siteConfig.url),
  title: { default: `${siteConfig.name}: entertainment news`, template: `%s | ${siteConfig.name}` },
  description: siteConfig.description,
  applicationName: siteConfig.name,
  openGraph: { siteName: siteConfig.name, locale: siteConfig.locale.replace('-', '_'), type: 'website', images: [SITE_SHARE_IMAGE] },
  twitter: { card: 'summary_large_image', images: [SITE_SHARE_IMAGE] },
  // Every page's share image is at least 1200 px wide: search engines may show it large.
  robots: { index: true, follow: true, 'max-image-preview': 'large' },
};

export const viewport: Viewport = {
  themeColor: '#ffffff',
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The fonts' classes define --serif and --sans (app/_fonts/fonts.ts), which every stylesheet uses.
    <html lang="en" className={`${serif.variable} ${serifItalic.variable} ${sans.variable}`}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
