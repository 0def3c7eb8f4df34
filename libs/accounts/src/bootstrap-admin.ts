import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AccountsService } from './accounts.service';

/** A fresh install has no one to sign in as: ADMIN_EMAIL + ADMIN_PASSWORD create the first admin on boot. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.bootstrapAdmin) await this.accounts.ensureBootstrapAdmin(this.config.bootstrapAdmin.email, this.config.bootstrapAdmin.password);
  }
}
