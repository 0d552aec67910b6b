import { readFileSync } from 'node:fs';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { Service } from 'kubernetes-models/v1';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// Nothing here can run a cluster: the manifests are checked against the Kubernetes API schemas
// (kubernetes-models) and against what the server does, not applied.
const load = (file: string) => parse(readFileSync(`deploy/k8s/${file}`, 'utf8'));
const deployment = new Deployment(load('deployment.yaml'));
const env = Object.fromEntries(deployment.spec!.template.spec!.containers[0]!.env!.map((e) => [e.name, e.value]));

describe('the Kubernetes manifests', () => {
  it('are valid against the Kubernetes schemas', () => {
    expect(() => deployment.validate()).not.toThrow();
    expect(() => new Service(load('service.yaml')).validate()).not.toThrow();
    expect(() => new Job(load('index-job.yaml')).validate()).not.toThrow();
  });

  it('probe readiness and liveness where the server answers them', () => {
    const container = deployment.spec!.template.spec!.containers[0]!;
    expect(container.readinessProbe!.httpGet!.path).toBe('/api/health');
    expect(container.livenessProbe!.httpGet!.path).toBe('/api/health?probe=live');
  });

  it('take a busy replica for a slow one, not a dead one: probes wait seconds and need two failures', () => {
    const { readinessProbe, livenessProbe } = deployment.spec!.template.spec!.containers[0]!;
    expect(readinessProbe!.timeoutSeconds).toBeGreaterThanOrEqual(2);
    expect(readinessProbe!.failureThreshold).toBeGreaterThanOrEqual(2);
    expect(livenessProbe!.timeoutSeconds! * livenessProbe!.failureThreshold!).toBeGreaterThanOrEqual(10);
    // On the port whose thread answers them, never behind the server's work.
    const container = deployment.spec!.template.spec!.containers[0]!;
    const health = container.ports!.find((p) => p.name === 'health')!;
    expect(String(health.containerPort)).toBe(env.HEALTH_PORT);
    expect([readinessProbe!.httpGet!.port, livenessProbe!.httpGet!.port]).toEqual(['health', 'health']);
    // HAProxy's checks alike (deploy/haproxy.cfg).
    const cfg = readFileSync('deploy/haproxy.cfg', 'utf8');
    expect(Number(/^\s*default-server .*\bfall (\d+)/m.exec(cfg)![1])).toBeGreaterThanOrEqual(2);
    expect(Number(/^\s*timeout check (\d+)s/m.exec(cfg)![1])).toBeGreaterThanOrEqual(2);
  });

  it('roll out without losing capacity, and give a pod time to drain before it is killed', () => {
    expect(deployment.spec!.strategy!.rollingUpdate!.maxUnavailable).toBe(0);
    const container = deployment.spec!.template.spec!.containers[0]!;
    const preStop = Number(container.lifecycle!.preStop!.exec!.command!.at(-1));
    const needed = preStop + Number(env.DRAIN_SECONDS) + Number(env.EXIT_BOUND_SECONDS);
    expect(deployment.spec!.template.spec!.terminationGracePeriodSeconds).toBeGreaterThan(needed);
  });

  it('run as a non-root user with telemetry off', () => {
    expect(deployment.spec!.template.spec!.securityContext!.runAsNonRoot).toBe(true);
    expect(env.NEXT_TELEMETRY_DISABLED).toBe('1');
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/NEXT_TELEMETRY_DISABLED=1/);
  });

  it('lock the containers down: read-only root, no privilege escalation, no capabilities, seccomp', () => {
    const job = new Job(load('index-job.yaml'));
    for (const pod of [deployment.spec!.template.spec!, job.spec!.template.spec!]) {
      expect(pod.securityContext!.runAsNonRoot).toBe(true);
      expect(pod.securityContext!.seccompProfile!.type).toBe('RuntimeDefault');
      expect(pod.automountServiceAccountToken).toBe(false);
      const container = pod.containers[0]!;
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.resources!.limits!.memory).toBeTruthy();
      // tsx keeps its compile cache under /tmp: with the root read-only, it needs its own volume.
      expect(container.volumeMounts!.map((m) => m.mountPath)).toContain('/tmp');
    }
  });

  it('name the public origin, so links never come from a request’s headers', () => {
    expect(env.SITE_URL).toMatch(/^https:\/\//);
    expect(env.TRUST_PROXY).toBeUndefined();
  });

  it('build an image whose code the server’s user cannot change', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).not.toMatch(/--chown=node/);
    expect(dockerfile).toMatch(/chown node:node \/app\/\.next\/cache$/m);
  });

  it('select the pods the Deployment makes', () => {
    const service = new Service(load('service.yaml'));
    expect(service.spec!.selector).toEqual(deployment.spec!.selector.matchLabels);
  });
});

describe('the HAProxy configuration', () => {
  const cfg = readFileSync('deploy/haproxy.cfg', 'utf8');

  it('never re-sends a slow request to other replicas', () => {
    const retryOn = /^\s*retry-on (.*)$/m.exec(cfg)![1]!.split(/\s+/);
    expect(retryOn).not.toContain('response-timeout');
    expect(retryOn).toEqual(expect.arrayContaining(['conn-failure', 'empty-response']));
  });

  it('bounds a client’s time to send headers, and drops its X-Forwarded-Host', () => {
    expect(cfg).toMatch(/^\s*timeout http-request \d+s$/m);
    expect(cfg).toMatch(/^\s*http-request del-header X-Forwarded-Host$/m);
  });
});
