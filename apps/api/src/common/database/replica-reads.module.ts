import { Global, Module } from '@nestjs/common';
import { ReplicaReads } from './replica-reads';

@Global()
@Module({ providers: [ReplicaReads], exports: [ReplicaReads] })
export class ReplicaReadsModule {}
