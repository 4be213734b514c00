// The collection router's routes appear in the OpenAPI 3.1 document, with their schemas and error codes.
import { describe, expect, it } from 'vitest';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../src/http/context.ts';
import { collectionRoutes } from '../src/http/routes/collection.ts';

describe('collection routes in /api/openapi.json', () => {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/api', collectionRoutes());
  const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'test', version: '1' } });

  it('documents every endpoint of docs/API.md Rounds and Review', () => {
    const routes = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /api/rounds',
        'POST /api/rounds',
        'PATCH /api/rounds/{id}',
        'GET /api/rounds/{id}/tasks',
        'GET /api/rounds/{id}/rates',
        'POST /api/rounds/{id}/remind',
        'POST /api/rounds/{id}/remind/preview',
        'GET /api/rounds/{id}/reminders',
        'POST /api/rounds/{id}/extend',
        'POST /api/rounds/{id}/cancel',
        'POST /api/rounds/{id}/exceptions',
        'DELETE /api/rounds/{id}/exceptions/{submitter}',
        'GET /api/rounds/{id}/template.xlsx',
        'POST /api/rounds/{id}/uploads',
        'GET /api/uploads/{id}',
        'POST /api/uploads/{id}/commit',
        'PUT /api/rounds/{id}/values',
        'GET /api/notices',
        'POST /api/notices/{id}/read',
        'GET /api/review',
        'POST /api/review/approve',
        'POST /api/review/return',
        'POST /api/review/publish',
        'GET /api/periods/locks',
        'POST /api/periods/{period}/lock',
        'POST /api/periods/{period}/unlock',
      ].sort(),
    );
  });

  it('the upload takes a multipart file and answers the located preview; a locked period is 423', () => {
    const op = doc.paths?.['/api/rounds/{id}/uploads']?.post;
    expect(op?.requestBody).toMatchObject({
      content: {
        'multipart/form-data': { schema: { properties: { file: { type: 'string', format: 'binary' } } } },
      },
    });
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['201', '403', '413', '423']));
    expect(doc.components?.schemas).toHaveProperty('UploadPreview');
    expect(doc.components?.schemas).toHaveProperty('PreviewIssue');
    expect(doc.components?.schemas).toHaveProperty('ReviewRow');
  });
});
