import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@app/config';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  headers?: Record<string, string>;
  /** Inline images, referenced from the HTML part as `cid:<cid>`. */
  inline?: { filename: string; content: Buffer; cid: string; contentType: string }[];
}

/** SMTP when SMTP_URL is set; otherwise each message becomes an .eml file under MAIL_DIR (open it in any mail client). */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transporter = config.smtpUrl
      ? nodemailer.createTransport(config.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Returns the message id the receiving side knows the message by. */
  async send(mail: OutgoingMail): Promise<string> {
    const { inline, ...rest } = mail;
    const info = await this.transporter.sendMail({ ...rest, attachments: inline });
    if (!this.config.smtpUrl) {
      const dir = path.resolve(this.config.mailDir);
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/^<|@.*$/g, '').replace(/[^a-z0-9.-]/gi, '')}.eml`);
      await writeFile(file, info.message as Buffer);
      this.logger.log(`wrote ${file}`);
    }
    return info.messageId ?? mail.messageId;
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
