# One image for both apps; docker-compose.yml picks the entry point. Not exercised by CI here
# (these machines have no Docker engine).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/libs/policy/policies ./libs/policy/policies
COPY --from=build /app/apps/auditor/migrations ./apps/auditor/migrations
COPY package.json ./
USER node
CMD ["node", "dist/apps/gateway/src/main.js"]
