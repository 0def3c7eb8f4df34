import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SecretBox } from '@app/common';
import { RosterService } from '@app/roster';
import { Integration } from './entities';
import { generateWebhookSecret } from './standard/standard-webhook.signature';

export interface ActiveIntegration {
  id: string;
  teamId: string;
  secret: string;
}

const SECRET_CACHE_MS = 5_000;

/** Standard Webhooks senders: each has a team and a `whsec_` secret, stored sealed. */
@Injectable()
export class IntegrationService {
  private cache: { at: number; list: ActiveIntegration[] } | null = null;

  constructor(
    @InjectRepository(Integration) private readonly integrations: Repository<Integration>,
    private readonly roster: RosterService,
    private readonly box: SecretBox,
  ) {}

  /** The plain secret is returned once, here; afterwards only its sealed form exists. */
  async create(teamId: string, name: string): Promise<{ integration: Integration; secret: string }> {
    await this.roster.requireTeam(teamId);
    const secret = generateWebhookSecret(randomBytes(32));
    const integration = await this.integrations.save(this.integrations.create({ teamId, name, secretEncrypted: this.box.seal(secret) }));
    this.cache = null;
    return { integration, secret };
  }

  /** Secrets to try on an incoming webhook; cached briefly so a burst of webhooks costs one query. */
  async active(): Promise<ActiveIntegration[]> {
    if (this.cache && Date.now() - this.cache.at < SECRET_CACHE_MS) return this.cache.list;
    const rows = await this.integrations.findBy({ active: true });
    const list = rows.map((r) => ({ id: r.id, teamId: r.teamId, secret: this.box.open(r.secretEncrypted) }));
    this.cache = { at: Date.now(), list };
    return list;
  }
}
