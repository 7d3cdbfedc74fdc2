import { Module } from '@nestjs/common';
import { DatasetLoadsRepository } from './dataset-loads.repository';

/** What the server needs of the data sets at run time: the record of bulk loads. */
@Module({
  providers: [DatasetLoadsRepository],
  exports: [DatasetLoadsRepository],
})
export class DatasetsModule {}
