import 'reflect-metadata';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ApiModule } from '../api.module';
import { ACCESS_RULE } from './access.decorators';

// The guard refuses undeclared routes at run time; this proves none is left undeclared, and pins the public ones.
describe('access rules on every route', () => {
  const controllers: (new (...args: never[]) => unknown)[] = Reflect.getMetadata('controllers', ApiModule);
  const routes = controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller));
    return Object.getOwnPropertyNames(controller.prototype)
      .filter((name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, controller.prototype[name as keyof typeof controller.prototype]) !== undefined)
      .map((name) => {
        const handler = controller.prototype[name as keyof typeof controller.prototype];
        const rule = Reflect.getMetadata(ACCESS_RULE, handler) ?? Reflect.getMetadata(ACCESS_RULE, controller);
        const route = [base, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((part) => part !== '' && part !== '/').join('/');
        return { route, rule };
      });
  });

  it('should find the routes', () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it('should declare an access rule on every route', () => {
    expect(routes.filter((r) => r.rule === undefined).map((r) => r.route)).toEqual([]);
  });

  it('should keep public only webhooks, health, OAuth callbacks, unsubscribe links and the sign-in steps', () => {
    const publicRoutes = routes.filter((r) => r.rule?.kind === 'public').map((r) => r.route);
    for (const route of publicRoutes) {
      expect(route).toMatch(/^(webhooks|health|oauth|unsubscribe|api\/auth\/(login|password-reset|invites\/accept)|login|logout|invite|reset-password|forgot-password|assets)/);
    }
  });

  it('should scope every /api/athletes route to the athlete in its path', () => {
    const athleteRoutes = routes.filter((r) => r.route.startsWith('api/athletes/'));
    expect(athleteRoutes.length).toBeGreaterThan(10);
    for (const r of athleteRoutes) expect(r.rule.kind).toBe('athlete');
  });
});
