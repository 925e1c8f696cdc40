import { ConfigurationError } from '@app/runtime';
import { PartnerEnv } from '../src/config/partner-env';
import { partnerKafkaOptions } from '../src/partner-transport';

function env(overrides: Partial<PartnerEnv> = {}): PartnerEnv {
  return Object.assign(new PartnerEnv(), {
    KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
    KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
    KAFKA_SASL_USERNAME: 'partner.acme',
    KAFKA_SASL_PASSWORD: 'a-password-of-some-length',
    PARTNER_RECIPIENT_ID: 'acme',
    ...overrides,
  });
}

describe('partnerKafkaOptions', () => {
  it('reads committed records under the partner group prefix, with SCRAM, as raw bytes', () => {
    const options = partnerKafkaOptions(env());
    expect(options.postfixId).toBe(''); // Nest would append "-server" to the group otherwise
    expect(options.consumer).toMatchObject({
      groupId: 'acme:onward-partner',
      readUncommitted: false,
    });
    expect(options.client).toMatchObject({
      brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      sasl: { mechanism: 'scram-sha-512', username: 'partner.acme' },
    });
    expect(options.subscribe).toEqual({ fromBeginning: true });
    expect(options.parser).toEqual({ keepBinary: true });
  });

  it("refuses a group outside the partner's own prefix", () => {
    expect(partnerKafkaOptions(env({ PARTNER_GROUP_ID: 'acme:reports' })).consumer?.groupId).toBe(
      'acme:reports',
    );
    // "acme.eu:x" does not start with "acme:", though it starts with "acme".
    expect(() => partnerKafkaOptions(env({ PARTNER_GROUP_ID: 'acme.eu:x' }))).toThrow(
      ConfigurationError,
    );
  });
});
